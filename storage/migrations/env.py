"""Alembic environment: always run programmatically by ``storage.migrate``.

The caller passes a live synchronous connection in ``config.attributes``;
there is no alembic.ini and no URL in this file, so the same migrations run
on SQLite and PostgreSQL from whatever ``TRYGG_DATABASE_URL`` says.
"""

from alembic import context

from storage.models import Base

# Objects created by hand in migrations (full-text search, triggers) are not in
# the models; autogenerate must not report them as drift.
HAND_MADE_PREFIXES = ("submissions_fts", "ix_submissions_text_fts")


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001 - alembic's signature
    return not (name or "").startswith(HAND_MADE_PREFIXES)


def run_migrations() -> None:
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_object=include_object,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
