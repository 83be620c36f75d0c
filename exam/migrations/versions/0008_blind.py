"""blind: sealed marks (a random nonce per mark and final mark) and masked passages' nonces

Revision ID: 0008_blind
Revises: 0007_polish
Create Date: 2026-12-02 14:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = '0008_blind'
down_revision = '0007_polish'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('scoring_mark', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seal_nonce', sa.String(length=64), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('scoring_final_mark', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seal_nonce', sa.String(length=64), nullable=False,
                                      server_default=''))
    with op.batch_alter_table('scoring_redaction', schema=None) as batch_op:
        batch_op.add_column(sa.Column('nonce', sa.String(length=64), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('scoring_redaction', schema=None) as batch_op:
        batch_op.drop_column('nonce')
    with op.batch_alter_table('scoring_final_mark', schema=None) as batch_op:
        batch_op.drop_column('seal_nonce')
    with op.batch_alter_table('scoring_mark', schema=None) as batch_op:
        batch_op.drop_column('seal_nonce')
