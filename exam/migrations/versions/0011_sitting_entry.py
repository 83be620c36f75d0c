"""sitting entry: the late-entry limit of a sitting and the proctor's late admissions

Revision ID: 0011_sitting_entry
Revises: 0010_accounts
Create Date: 2026-12-02 13:26:09.284779
"""

import sqlalchemy as sa
from alembic import op

import exam.db

revision = '0011_sitting_entry'
down_revision = '0010_accounts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('late_admission',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('admitted_by_id', sa.Integer(), nullable=False),
    sa.Column('admitted_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['admitted_by_id'], ['user_account.id'], name=op.f('fk_late_admission_admitted_by_id_user_account')),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_late_admission_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_late_admission_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_late_admission')),
    sa.UniqueConstraint('application_id', name=op.f('uq_late_admission_application_id'))
    )
    with op.batch_alter_table('late_admission', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_late_admission_competition_id'), ['competition_id'], unique=False)

    with op.batch_alter_table('sitting_setup', schema=None) as batch_op:
        batch_op.add_column(sa.Column('late_entry_minutes', sa.Integer(), server_default='15', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('sitting_setup', schema=None) as batch_op:
        batch_op.drop_column('late_entry_minutes')

    with op.batch_alter_table('late_admission', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_late_admission_competition_id'))

    op.drop_table('late_admission')
