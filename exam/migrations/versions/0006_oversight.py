"""oversight: irregularity reports, suspensions, secret board votes

Revision ID: 0006_oversight
Revises: 0005_integrity
Create Date: 2026-11-22 02:33:09.879381
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0006_oversight'
down_revision = '0005_integrity'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('board_vote',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('opened_by_id', sa.Integer(), nullable=False),
    sa.Column('opened_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closes_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('closed_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('closed_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['closed_by_id'], ['user_account.id'], name=op.f('fk_board_vote_closed_by_id_user_account')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_board_vote_competition_id_competition')),
    sa.ForeignKeyConstraint(['opened_by_id'], ['user_account.id'], name=op.f('fk_board_vote_opened_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_board_vote'))
    )
    with op.batch_alter_table('board_vote', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_vote_competition_id'), ['competition_id'], unique=False)

    op.create_table('irregularity_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=64), nullable=False),
    sa.Column('reporter_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('named_text', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('is_substantiated', sa.Boolean(), nullable=True),
    sa.Column('finding', sa.Text(), nullable=False),
    sa.Column('received_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('review_started_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolved_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_irregularity_report_competition_id_competition')),
    sa.ForeignKeyConstraint(['reporter_id'], ['user_account.id'], name=op.f('fk_irregularity_report_reporter_id_user_account')),
    sa.ForeignKeyConstraint(['resolved_by_id'], ['user_account.id'], name=op.f('fk_irregularity_report_resolved_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_irregularity_report')),
    sa.UniqueConstraint('code_hash', name=op.f('uq_irregularity_report_code_hash'))
    )
    with op.batch_alter_table('irregularity_report', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_irregularity_report_competition_id'), ['competition_id'], unique=False)

    op.create_table('report_addition',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('added_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['irregularity_report.id'], name=op.f('fk_report_addition_report_id_irregularity_report')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_addition'))
    )
    with op.batch_alter_table('report_addition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_addition_report_id'), ['report_id'], unique=False)

    op.create_table('report_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('content_type', sa.String(length=40), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['irregularity_report.id'], name=op.f('fk_report_attachment_report_id_irregularity_report')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_attachment')),
    sa.UniqueConstraint('stored_name', name=op.f('uq_report_attachment_stored_name'))
    )
    with op.batch_alter_table('report_attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_attachment_report_id'), ['report_id'], unique=False)

    op.create_table('report_named_person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['irregularity_report.id'], name=op.f('fk_report_named_person_report_id_irregularity_report')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_report_named_person_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_named_person')),
    sa.UniqueConstraint('report_id', 'user_id', name=op.f('uq_report_named_person_report_id_user_id'))
    )
    with op.batch_alter_table('report_named_person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_named_person_report_id'), ['report_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_report_named_person_user_id'), ['user_id'], unique=False)

    op.create_table('suspension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('suspended_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('suspended_by_id', sa.Integer(), nullable=False),
    sa.Column('lifted_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('lifted_by_id', sa.Integer(), nullable=True),
    sa.Column('lift_reason', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_suspension_competition_id_competition')),
    sa.ForeignKeyConstraint(['lifted_by_id'], ['user_account.id'], name=op.f('fk_suspension_lifted_by_id_user_account')),
    sa.ForeignKeyConstraint(['report_id'], ['irregularity_report.id'], name=op.f('fk_suspension_report_id_irregularity_report')),
    sa.ForeignKeyConstraint(['suspended_by_id'], ['user_account.id'], name=op.f('fk_suspension_suspended_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_suspension'))
    )
    with op.batch_alter_table('suspension', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_suspension_competition_id'), ['competition_id'], unique=False)

    op.create_table('vote_counter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('option_index', sa.Integer(), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['vote_id'], ['board_vote.id'], name=op.f('fk_vote_counter_vote_id_board_vote')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_counter')),
    sa.UniqueConstraint('vote_id', 'option_index', name=op.f('uq_vote_counter_vote_id_option_index'))
    )
    with op.batch_alter_table('vote_counter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_counter_vote_id'), ['vote_id'], unique=False)

    op.create_table('vote_elector',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vote_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('has_voted', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_vote_elector_user_id_user_account')),
    sa.ForeignKeyConstraint(['vote_id'], ['board_vote.id'], name=op.f('fk_vote_elector_vote_id_board_vote')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vote_elector')),
    sa.UniqueConstraint('vote_id', 'user_id', name=op.f('uq_vote_elector_vote_id_user_id'))
    )
    with op.batch_alter_table('vote_elector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vote_elector_vote_id'), ['vote_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('vote_elector', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_elector_vote_id'))

    op.drop_table('vote_elector')
    with op.batch_alter_table('vote_counter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vote_counter_vote_id'))

    op.drop_table('vote_counter')
    with op.batch_alter_table('suspension', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_suspension_competition_id'))

    op.drop_table('suspension')
    with op.batch_alter_table('report_named_person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_named_person_user_id'))
        batch_op.drop_index(batch_op.f('ix_report_named_person_report_id'))

    op.drop_table('report_named_person')
    with op.batch_alter_table('report_attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_attachment_report_id'))

    op.drop_table('report_attachment')
    with op.batch_alter_table('report_addition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_addition_report_id'))

    op.drop_table('report_addition')
    with op.batch_alter_table('irregularity_report', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_irregularity_report_competition_id'))

    op.drop_table('irregularity_report')
    with op.batch_alter_table('board_vote', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_vote_competition_id'))

    op.drop_table('board_vote')
