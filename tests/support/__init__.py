"""What tests share that is not a fixture: scratch repositories, this project and its
sample, the pipeline and the site builds, real-shaped documents, the layout of tests/.

Import from the module that holds a name (`from support.repos import GitRepo`); this
package re-exports nothing. Fixtures live in the conftest.py files.
"""
