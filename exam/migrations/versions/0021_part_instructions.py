"""part instructions: a test part may show a description item of the bank before its questions

Revision ID: 0021_part_instructions
Revises: 0020_checkin
Create Date: 2026-12-02 17:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0021_part_instructions'
down_revision = '0020_checkin'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('test_part') as batch_op:
        batch_op.add_column(sa.Column('instructions', sa.String(length=80), server_default='',
                                      nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('test_part') as batch_op:
        batch_op.drop_column('instructions')
