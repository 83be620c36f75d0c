"""appointment: the appointing authority, its decisions, proctors' room records and remedies
(withdrawal, exclusion, disqualification, annulment, revocation)

Revision ID: 0014_appointment
Revises: 0013_draw_source
Create Date: 2026-12-02 13:42:17.237667
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0014_appointment'
down_revision = '0013_draw_source'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('appointing_authority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('reply_days', sa.Integer(), nullable=False),
    sa.Column('named_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('named_by_id', sa.Integer(), nullable=False),
    sa.Column('transmitted_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('closed_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_appointing_authority_competition_id_competition')),
    sa.ForeignKeyConstraint(['named_by_id'], ['user_account.id'], name=op.f('fk_appointing_authority_named_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointing_authority')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_appointing_authority_competition_id'))
    )
    op.create_table('appointment_decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('result_version_id', sa.Integer(), nullable=False),
    sa.Column('ranking_position', sa.Integer(), nullable=False),
    sa.Column('next_in_line_position', sa.Integer(), nullable=False),
    sa.Column('departs_from_ranking', sa.Boolean(), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('number', sa.String(length=60), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('document_name', sa.String(length=255), nullable=False),
    sa.Column('stored_name', sa.String(length=80), nullable=False),
    sa.Column('document_sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('data_sha256', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reply_by', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('responded_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('recorded_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_appointment_decision_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_appointment_decision_competition_id_competition')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_appointment_decision_recorded_by_id_user_account')),
    sa.ForeignKeyConstraint(['result_version_id'], ['result_version.id'], name=op.f('fk_appointment_decision_result_version_id_result_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_appointment_decision')),
    sa.UniqueConstraint('competition_id', 'sequence', name=op.f('uq_appointment_decision_competition_id_sequence'))
    )
    with op.batch_alter_table('appointment_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_appointment_decision_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_appointment_decision_competition_id'), ['competition_id'], unique=False)

    op.create_table('room_record',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('recorded_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_room_record_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_room_record_competition_id_competition')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['user_account.id'], name=op.f('fk_room_record_recorded_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_record'))
    )
    with op.batch_alter_table('room_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_record_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_room_record_competition_id'), ['competition_id'], unique=False)

    op.create_table('remedy',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('body', sa.String(length=24), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=True),
    sa.Column('decision_id', sa.Integer(), nullable=True),
    sa.Column('result_version_number', sa.Integer(), nullable=True),
    sa.Column('report_id', sa.Integer(), nullable=True),
    sa.Column('room_record_id', sa.Integer(), nullable=True),
    sa.Column('effect', sa.String(length=40), nullable=False),
    sa.Column('reasons', sa.Text(), nullable=False),
    sa.Column('decided_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('decided_by_id', sa.Integer(), nullable=False),
    sa.Column('rerun_competition_id', sa.Integer(), nullable=True),
    sa.Column('contested_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('contest_reason', sa.Text(), nullable=False),
    sa.Column('contest_upheld', sa.Boolean(), nullable=True),
    sa.Column('contest_decision', sa.Text(), nullable=False),
    sa.Column('contest_decided_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('contest_decided_by_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_remedy_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_remedy_competition_id_competition')),
    sa.ForeignKeyConstraint(['contest_decided_by_id'], ['user_account.id'], name=op.f('fk_remedy_contest_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['decided_by_id'], ['user_account.id'], name=op.f('fk_remedy_decided_by_id_user_account')),
    sa.ForeignKeyConstraint(['decision_id'], ['appointment_decision.id'], name=op.f('fk_remedy_decision_id_appointment_decision')),
    sa.ForeignKeyConstraint(['report_id'], ['irregularity_report.id'], name=op.f('fk_remedy_report_id_irregularity_report')),
    sa.ForeignKeyConstraint(['rerun_competition_id'], ['competition.id'], name=op.f('fk_remedy_rerun_competition_id_competition')),
    sa.ForeignKeyConstraint(['room_record_id'], ['room_record.id'], name=op.f('fk_remedy_room_record_id_room_record')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_remedy'))
    )
    with op.batch_alter_table('remedy', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_remedy_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_remedy_competition_id'), ['competition_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('remedy', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_remedy_competition_id'))
        batch_op.drop_index(batch_op.f('ix_remedy_application_id'))

    op.drop_table('remedy')
    with op.batch_alter_table('room_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_record_competition_id'))
        batch_op.drop_index(batch_op.f('ix_room_record_application_id'))

    op.drop_table('room_record')
    with op.batch_alter_table('appointment_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_appointment_decision_competition_id'))
        batch_op.drop_index(batch_op.f('ix_appointment_decision_application_id'))

    op.drop_table('appointment_decision')
    op.drop_table('appointing_authority')
