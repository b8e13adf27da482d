"""Alembic environment: always run programmatically by ``storage.migrate``.

The caller passes a live synchronous connection in ``config.attributes``;
there is no alembic.ini and no URL in this file, so the same migrations run
on SQLite and PostgreSQL from whatever ``TRYGG_DATABASE_URL`` says.
"""

from alembic import context

from storage.migrate import include_object
from storage.models import Base


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
