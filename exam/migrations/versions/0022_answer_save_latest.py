"""answer_save_latest: the answer in force for a line found by one index probe

Revision ID: 0022_answer_save_latest
Revises: 0021_part_instructions
Create Date: 2026-12-02 21:15:00
"""

from alembic import op

revision = '0022_answer_save_latest'
down_revision = '0021_part_instructions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('answer_save') as batch_op:
        batch_op.create_index('ix_answer_save_latest',
                              ['attempt_id', 'paper_item_id', 'client_seq', 'id'])
        batch_op.drop_index('ix_answer_save_attempt_id')


def downgrade() -> None:
    with op.batch_alter_table('answer_save') as batch_op:
        batch_op.create_index('ix_answer_save_attempt_id', ['attempt_id'])
        batch_op.drop_index('ix_answer_save_latest')
