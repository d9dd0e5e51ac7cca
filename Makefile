# The two commands a newcomer needs: `make serve` and `make test`.
# Each sets up .venv from the pinned lock file on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints a banner about its successor on every build; it is not a problem of this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve site site-unlocked test test-fast lint typecheck imports policies workflows pytest browser node openssh golden bench lock clean

# The live preview builds one language, the authoritative one unless PREVIEW names another
# (kk, ru, en) or is `all`; it reads every language's files all the same.
PREVIEW ?= kk
serve: $(VENV)/.installed ## Build the sample site and serve it on http://127.0.0.1:8000 (PREVIEW=ru: Russian)
	$(if $(filter all,$(PREVIEW)),,POLICYSITE_PREVIEW=$(PREVIEW)) $(BIN)/mkdocs serve --strict --dirty --dev-addr 127.0.0.1:8000

# Built in build/site, rendering only the pages whose source changed since the last build
# there (policysite/pipeline/incremental.py), then copied whole over site/ only when it
# succeeded: the copy is made beside site/ and swapped in by two renames. One `make site`
# at a time: a second one waits for the first (flock, util-linux).
SITE_LOCK := build/.make-site.lock
site: $(VENV)/.installed ## Build the site into site/, replacing it only when the build succeeds
	@mkdir -p build
	@flock --nonblock $(SITE_LOCK) true || echo "make site: another 'make site' is running in this folder; waiting for it to finish"
	flock $(SITE_LOCK) $(MAKE) --no-print-directory site-unlocked

site-unlocked:
	$(BIN)/mkdocs build --strict --dirty --site-dir build/site
	rm -rf .site.tmp .site.old && cp -a build/site .site.tmp
	if [ -d site ]; then mv site .site.old; fi && mv .site.tmp site && rm -rf .site.old

test: lint typecheck imports policies workflows node openssh browser pytest ## Every check: ruff, mypy, import contracts, the policies' lint, the workflows, pytest (browser tests included)

test-fast: lint typecheck imports node openssh $(VENV)/.installed ## The checks and the tests of tests/unit and tests/integration (no MkDocs build, no browser, no benchmark)
	NODE=$(NODE) SSH_KEYGEN=$(SSH_KEYGEN) $(BIN)/pytest -m "not slow"

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

imports: $(VENV)/.installed ## The package's layers point one way, and the core imports no mkdocs (.importlinter)
	$(BIN)/lint-imports

# $(call debian_program,PATH,PACKAGE,VARIABLE,WHAT): the program at PATH, which WHAT
# needs. On a Debian machine as root (CI, a fresh container) PACKAGE is installed when it
# is missing; elsewhere this stops at once with the command to run.
define debian_program
	@if [ -x "$(1)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installing Debian's $(2) for $(4) (apt-get install $(2))"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(2) >/dev/null; \
		test -x "$(1)" || { echo "$(2) was installed but is not at $(1); set $(3)=<its path>"; exit 1; }; \
	else \
		echo "make: $(4) need $(2) at $(1): run 'sudo apt-get install $(2)'"; \
		echo "(or set $(3)=<its path>), then 'make test' again"; \
		exit 1; \
	fi
endef

# The browser tests drive Debian's chromium.
CHROMIUM ?= /usr/bin/chromium
browser:
	$(call debian_program,$(CHROMIUM),chromium,CHROMIUM,the browser tests)

# The compare page's rules are checked under node (tests/unit/test_compare_rules_js.py):
# the one on PATH, else Debian's.
NODE ?= $(or $(shell command -v node 2>/dev/null),/usr/bin/node)
node:
	$(call debian_program,$(NODE),nodejs,NODE,the compare page's tests)

# Manifests are signed and verified by OpenSSH's ssh-keygen (policysite/signatures.py).
SSH_KEYGEN ?= $(or $(shell command -v ssh-keygen 2>/dev/null),/usr/bin/ssh-keygen)
openssh:
	$(call debian_program,$(SSH_KEYGEN),openssh-client,SSH_KEYGEN,the signature tests)

workflows: $(VENV)/.installed ## Validate .github/workflows (schema), their shell (shellcheck) and their security (zizmor)
	$(BIN)/python scripts/check_workflows.py

policies: $(VENV)/.installed ## Lint the policies: front matter, history, HTML, links
	$(BIN)/python -m policysite lint

pytest: $(VENV)/.installed
	CHROMIUM=$(CHROMIUM) NODE=$(NODE) SSH_KEYGEN=$(SSH_KEYGEN) $(BIN)/pytest

# The virtual environment: exactly the pinned, hash-checked dependencies, then this package.
$(VENV)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# The benchmark is the package scripts/bench/; its last step drives $(CHROMIUM). Other
# sizes: make bench BENCH_ARGS="--policies 5 --versions 10" (python -m bench --help).
BENCH_ARGS ?= --growth 10,50,100 --profile
bench: $(VENV)/.installed ## Benchmark at scale: cold build, rebuild after one new version, plain MkDocs (README: Performance)
	CHROMIUM=$(CHROMIUM) PYTHONPATH=scripts $(BIN)/python -m bench $(BENCH_ARGS)

golden: $(VENV)/.installed ## Rewrite the golden files: the sample's change kinds and its control tree (staged pages, then what the build writes after them); review the diff
	UPDATE_GOLDEN=1 $(BIN)/pytest tests/site/test_golden.py -q

lock: $(VENV)/.installed ## Re-pin every dependency (after editing pyproject.toml)
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 \
		--custom-compile-command "make lock" --quiet -o requirements.lock

clean:
	rm -rf $(VENV) build site .cache .pytest_cache .mypy_cache .ruff_cache
