"""sitting: question bank, seal, papers, attempts, answers

Revision ID: 0002_sitting
Revises: 0001
Create Date: 2026-11-22 02:50:00.000000
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0002_sitting'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=False),
    sa.Column('created_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['user_account.id'], name=op.f('fk_bank_item_created_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bank_item')),
    sa.UniqueConstraint('key', name=op.f('uq_bank_item_key'))
    )
    op.create_table('item_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('bank_item_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('difficulty', sa.String(length=16), nullable=False),
    sa.Column('type', sa.String(length=24), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=False),
    sa.Column('created_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('reviewed_by_id', sa.Integer(), nullable=True),
    sa.Column('reviewed_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('approved_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('retired_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['approved_by_id'], ['user_account.id'], name=op.f('fk_item_version_approved_by_id_user_account')),
    sa.ForeignKeyConstraint(['author_id'], ['user_account.id'], name=op.f('fk_item_version_author_id_user_account')),
    sa.ForeignKeyConstraint(['bank_item_id'], ['bank_item.id'], name=op.f('fk_item_version_bank_item_id_bank_item')),
    sa.ForeignKeyConstraint(['reviewed_by_id'], ['user_account.id'], name=op.f('fk_item_version_reviewed_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_item_version')),
    sa.UniqueConstraint('bank_item_id', 'number', name=op.f('uq_item_version_bank_item_id_number'))
    )
    with op.batch_alter_table('item_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_item_version_bank_item_id'), ['bank_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_version_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_item_version_topic'), ['topic'], unique=False)

    op.create_table('seal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('sealed_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sealed_by_id', sa.Integer(), nullable=False),
    sa.Column('secret_hex', sa.String(length=128), nullable=False),
    sa.Column('secret_commitment', sa.String(length=64), nullable=False),
    sa.Column('snapshot_digest', sa.String(length=64), nullable=False),
    sa.Column('snapshot_commitment', sa.String(length=64), nullable=False),
    sa.Column('blueprint', sa.Text(), nullable=False),
    sa.Column('public_value', sa.String(length=500), nullable=True),
    sa.Column('public_value_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('drawn_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revealed_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_seal_competition_id_competition')),
    sa.ForeignKeyConstraint(['sealed_by_id'], ['user_account.id'], name=op.f('fk_seal_sealed_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seal')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_seal_competition_id'))
    )
    op.create_table('sitting_setup',
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('access_code', sa.String(length=32), nullable=False),
    sa.Column('allowed_networks', sa.Text(), nullable=False),
    sa.Column('grace_seconds', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_sitting_setup_competition_id_competition')),
    sa.PrimaryKeyConstraint('competition_id', name=op.f('pk_sitting_setup'))
    )
    op.create_table('test_part',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=16), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('duration_minutes', sa.Integer(), nullable=False),
    sa.Column('essay_mode', sa.String(length=24), nullable=False),
    sa.Column('cells', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_test_part_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_test_part')),
    sa.UniqueConstraint('competition_id', 'key', name=op.f('uq_test_part_competition_id_key'))
    )
    with op.batch_alter_table('test_part', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_test_part_competition_id'), ['competition_id'], unique=False)

    op.create_table('paper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('candidate_number', sa.String(length=16), nullable=False),
    sa.Column('fingerprint', sa.String(length=64), nullable=False),
    sa.Column('drawn_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_paper_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_paper_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper')),
    sa.UniqueConstraint('application_id', name=op.f('uq_paper_application_id'))
    )
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_competition_id'), ['competition_id'], unique=False)

    op.create_table('snapshot_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seal_id', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('item_version_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['item_version_id'], ['item_version.id'], name=op.f('fk_snapshot_item_item_version_id_item_version')),
    sa.ForeignKeyConstraint(['seal_id'], ['seal.id'], name=op.f('fk_snapshot_item_seal_id_seal')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshot_item')),
    sa.UniqueConstraint('seal_id', 'item_key', name=op.f('uq_snapshot_item_seal_id_item_key'))
    )
    with op.batch_alter_table('snapshot_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_snapshot_item_seal_id'), ['seal_id'], unique=False)

    op.create_table('attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('started_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duration_seconds', sa.Integer(), nullable=False),
    sa.Column('extra_seconds', sa.Integer(), nullable=False),
    sa.Column('start_address', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('submitted_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('is_auto_submitted', sa.Boolean(), nullable=False),
    sa.Column('answers_sha256', sa.String(length=64), nullable=True),
    sa.Column('receipt_statement', sa.Text(), nullable=True),
    sa.Column('receipt_signature', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_attempt_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_attempt_competition_id_competition')),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], name=op.f('fk_attempt_paper_id_paper')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attempt')),
    sa.UniqueConstraint('application_id', name=op.f('uq_attempt_application_id')),
    sa.UniqueConstraint('paper_id', name=op.f('uq_attempt_paper_id'))
    )
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attempt_competition_id'), ['competition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attempt_submitted_at'), ['submitted_at'], unique=False)

    op.create_table('paper_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('paper_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('part_key', sa.String(length=16), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('item_key', sa.String(length=80), nullable=False),
    sa.Column('item_version_id', sa.Integer(), nullable=False),
    sa.Column('option_order', sa.JSON(), nullable=False),
    sa.Column('points', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['item_version_id'], ['item_version.id'], name=op.f('fk_paper_item_item_version_id_item_version')),
    sa.ForeignKeyConstraint(['paper_id'], ['paper.id'], name=op.f('fk_paper_item_paper_id_paper')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paper_item')),
    sa.UniqueConstraint('paper_id', 'sequence', name=op.f('uq_paper_item_paper_id_sequence'))
    )
    with op.batch_alter_table('paper_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_item_paper_id'), ['paper_id'], unique=False)

    op.create_table('answer_save',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('paper_item_id', sa.Integer(), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('is_flagged', sa.Boolean(), nullable=False),
    sa.Column('client_seq', sa.BigInteger(), nullable=False),
    sa.Column('saved_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_answer_save_attempt_id_attempt')),
    sa.ForeignKeyConstraint(['paper_item_id'], ['paper_item.id'], name=op.f('fk_answer_save_paper_item_id_paper_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_answer_save'))
    )
    with op.batch_alter_table('answer_save', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_answer_save_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_answer_save_paper_item_id'), ['paper_item_id'], unique=False)

    op.create_table('extra_time',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('seconds', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('granted_by_id', sa.Integer(), nullable=False),
    sa.Column('granted_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_extra_time_attempt_id_attempt')),
    sa.ForeignKeyConstraint(['granted_by_id'], ['user_account.id'], name=op.f('fk_extra_time_granted_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_extra_time'))
    )
    with op.batch_alter_table('extra_time', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_extra_time_attempt_id'), ['attempt_id'], unique=False)

    op.create_table('objective_score',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('paper_item_id', sa.Integer(), nullable=False),
    sa.Column('part_key', sa.String(length=16), nullable=False),
    sa.Column('points', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['attempt.id'], name=op.f('fk_objective_score_attempt_id_attempt')),
    sa.ForeignKeyConstraint(['paper_item_id'], ['paper_item.id'], name=op.f('fk_objective_score_paper_item_id_paper_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_objective_score')),
    sa.UniqueConstraint('attempt_id', 'paper_item_id', name=op.f('uq_objective_score_attempt_id_paper_item_id'))
    )
    with op.batch_alter_table('objective_score', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_objective_score_attempt_id'), ['attempt_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('objective_score', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_objective_score_attempt_id'))

    op.drop_table('objective_score')
    with op.batch_alter_table('extra_time', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_extra_time_attempt_id'))

    op.drop_table('extra_time')
    with op.batch_alter_table('answer_save', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_answer_save_paper_item_id'))
        batch_op.drop_index(batch_op.f('ix_answer_save_attempt_id'))

    op.drop_table('answer_save')
    with op.batch_alter_table('paper_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_item_paper_id'))

    op.drop_table('paper_item')
    with op.batch_alter_table('attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attempt_submitted_at'))
        batch_op.drop_index(batch_op.f('ix_attempt_competition_id'))

    op.drop_table('attempt')
    with op.batch_alter_table('snapshot_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_snapshot_item_seal_id'))

    op.drop_table('snapshot_item')
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_paper_competition_id'))

    op.drop_table('paper')
    with op.batch_alter_table('test_part', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_test_part_competition_id'))

    op.drop_table('test_part')
    op.drop_table('sitting_setup')
    op.drop_table('seal')
    with op.batch_alter_table('item_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_item_version_topic'))
        batch_op.drop_index(batch_op.f('ix_item_version_status'))
        batch_op.drop_index(batch_op.f('ix_item_version_bank_item_id'))

    op.drop_table('item_version')
    op.drop_table('bank_item')
