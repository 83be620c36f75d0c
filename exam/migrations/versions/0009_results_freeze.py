"""results freeze: a board vote's quorum (ballots needed before its tally counts)

Revision ID: 0009_results_freeze
Revises: 0008_blind
Create Date: 2026-12-02 13:45:00.000000
"""

import sqlalchemy as sa
from alembic import op

revision = '0009_results_freeze'
down_revision = '0008_blind'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('board_vote', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quorum', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('board_vote', schema=None) as batch_op:
        batch_op.drop_column('quorum')
