"""What a Constitution is made of: numbered clauses, principles, Do/Don't tables, the codes it cites, its editions
and their tracked changes. Each module is one concept, loadable alone as a Sphinx extension
(editions, a package of one module a job, loads as ``sphinx_constitution.model.editions``)."""
