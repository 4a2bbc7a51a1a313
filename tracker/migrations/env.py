"""Alembic environment: migrates the connection `tracker.db.migrate` hands over.

`tracker.db.migrate(engine)` passes its connection in
`config.attributes["connection"]` and owns the transaction. Run any other way
(to write a new revision), it opens `tracker.config.database_url()`:

    TRACKER_DATABASE_URL=sqlite:////tmp/dev.db python -c "from alembic import command; \\
        from tracker.db import alembic_config, make_engine; \\
        make_engine('sqlite:////tmp/dev.db'); \\
        command.revision(alembic_config(), 'what changed', autogenerate=True, rev_id='0002')"

then read and tidy the generated file: autogenerate is a draft, not a migration.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection
from sqlmodel import SQLModel

import tracker.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from tracker.config import database_url
from tracker.db import make_engine


def run(connection: Connection) -> None:
    """Run the pending migrations on `connection`.

    SQLite cannot ALTER most things in place, so its migrations are rendered
    and run in batch mode (copy the table, swap it in).
    """
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run(connection)
else:
    engine = make_engine(database_url(), upgrade=False)
    with engine.connect() as own_connection:
        run(own_connection)
    engine.dispose()
