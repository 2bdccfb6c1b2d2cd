"""What a Constitution is made of: numbered clauses, principles, Do/Don't tables, the codes it cites, its editions
and their tracked changes. Each module is one concept, loadable alone as a Sphinx extension
(clauses and editions, packages of one module a job, load as ``sphinx_constitution.model.clauses`` and
``sphinx_constitution.model.editions``)."""
