"""draw source: the seal fixes the public value's source and binds blueprint and candidates

Revision ID: 0013_draw_source
Revises: 0011_sitting_entry
Create Date: 2026-12-02 13:40:00.000000
"""

import sqlalchemy as sa
from alembic import op

import exam.db

revision = '0013_draw_source'
down_revision = '0011_sitting_entry'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('seal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('draw_version', sa.String(length=32),
                                      server_default='thituyen-draw-v1', nullable=False))
        batch_op.add_column(sa.Column('value_source', sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column('value_known_after', exam.db.UTCDateTime(timezone=True),
                                      nullable=True))
        batch_op.add_column(sa.Column('blueprint_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('candidate_numbers', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('candidates_digest', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('seal_digest', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('seal', schema=None) as batch_op:
        batch_op.drop_column('seal_digest')
        batch_op.drop_column('candidates_digest')
        batch_op.drop_column('candidate_numbers')
        batch_op.drop_column('blueprint_digest')
        batch_op.drop_column('value_known_after')
        batch_op.drop_column('value_source')
        batch_op.drop_column('draw_version')
