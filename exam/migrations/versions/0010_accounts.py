"""accounts: wrong passwords counted per (email, address) and account-wide; the account's own
counter now counts only wrong second-factor codes

Revision ID: 0010_accounts
Revises: 0009_results_freeze
Create Date: 2026-12-02 13:26:23.808090
"""

import sqlalchemy as sa
from alembic import op

import exam.db

revision = '0010_accounts'
down_revision = '0009_results_freeze'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_throttle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email_digest', sa.String(length=64), nullable=False),
    sa.Column('address_digest', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failed_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('locked_until', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('signed_in_before', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_throttle')),
    sa.UniqueConstraint('email_digest', 'address_digest', name=op.f('uq_sign_in_throttle_email_digest_address_digest'))
    )
    # The old counter mixed wrong passwords and wrong codes; start the code counter afresh.
    op.execute("UPDATE user_account SET failed_logins = 0, locked_until = NULL")
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('failed_logins', new_column_name='second_factor_failures',
                              existing_type=sa.Integer(), existing_nullable=False)
        batch_op.alter_column('locked_until', new_column_name='second_factor_locked_until',
                              existing_type=sa.DateTime(timezone=True),
                              existing_nullable=True)


def downgrade() -> None:
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.alter_column('second_factor_failures', new_column_name='failed_logins',
                              existing_type=sa.Integer(), existing_nullable=False)
        batch_op.alter_column('second_factor_locked_until', new_column_name='locked_until',
                              existing_type=sa.DateTime(timezone=True),
                              existing_nullable=True)
    op.drop_table('sign_in_throttle')
