"""checkin: attempts made at check-in before the start, their sealed papers, the check-in window

Revision ID: 0020_checkin
Revises: 0019_rooms
Create Date: 2026-12-02 17:00:00
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0020_checkin'
down_revision = '0019_rooms'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sealed_paper',
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('paper_key', sa.String(length=64), nullable=False),
    sa.Column('blobs', sa.JSON(), nullable=False),
    sa.Column('sealed_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_sealed_paper_attempt_id_attempt')),
    sa.PrimaryKeyConstraint('attempt_id', name=op.f('pk_sealed_paper'))
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checked_in_at', exam.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('is_start_logged', sa.Boolean(), server_default='1', nullable=False))
        batch_op.alter_column('started_at', existing_type=exam.db.UTCDateTime(timezone=True), nullable=True)
    with op.batch_alter_table('sitting_setup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('checkin_minutes', sa.Integer(), server_default='30', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('sitting_setup', schema=None) as batch_op:
        batch_op.drop_column('checkin_minutes')
    op.execute("DELETE FROM sealed_paper")
    op.drop_table('sealed_paper')
    op.execute("DELETE FROM attempt WHERE started_at IS NULL")
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.alter_column('started_at', existing_type=exam.db.UTCDateTime(timezone=True), nullable=False)
        batch_op.drop_column('is_start_logged')
        batch_op.drop_column('checked_in_at')
