"""rooms: exam rooms and sessions, the seat draw, identity check-in, photographs, the SEB rule, the practice paper

Revision ID: 0019_rooms
Revises: 0015_presentation
Create Date: 2026-12-02 14:35:35.396481
"""

import sqlalchemy as sa
from alembic import op

import exam.db


revision = '0019_rooms'
down_revision = '0015_presentation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('exam_room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('session_number', sa.Integer(), nullable=False),
    sa.Column('session_starts_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_exam_room_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_exam_room')),
    sa.UniqueConstraint('competition_id', 'session_number', 'code', name=op.f('uq_exam_room_competition_id_session_number_code'))
    )
    with op.batch_alter_table('exam_room', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_exam_room_competition_id'), ['competition_id'], unique=False)

    op.create_table('practice_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('stem', sa.Text(), nullable=False),
    sa.Column('options', sa.JSON(), nullable=False),
    sa.Column('correct', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_practice_item_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_item'))
    )
    with op.batch_alter_table('practice_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_item_competition_id'), ['competition_id'], unique=False)

    op.create_table('seat_draw',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=32), nullable=False),
    sa.Column('seed_hex', sa.String(length=64), nullable=False),
    sa.Column('result_sha256', sa.String(length=64), nullable=False),
    sa.Column('drawn_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('drawn_by_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_seat_draw_competition_id_competition')),
    sa.ForeignKeyConstraint(['drawn_by_id'], ['user_account.id'], name=op.f('fk_seat_draw_drawn_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seat_draw')),
    sa.UniqueConstraint('competition_id', name=op.f('uq_seat_draw_competition_id'))
    )
    op.create_table('seb_rule',
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('is_required', sa.Boolean(), nullable=False),
    sa.Column('config_xml', sa.Text(), nullable=False),
    sa.Column('config_key', sa.String(length=64), nullable=False),
    sa.Column('browser_exam_keys', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_seb_rule_competition_id_competition')),
    sa.PrimaryKeyConstraint('competition_id', name=op.f('pk_seb_rule'))
    )
    op.create_table('candidate_photo',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('uploaded_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_candidate_photo_application_id_application')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_candidate_photo')),
    sa.UniqueConstraint('application_id', name=op.f('uq_candidate_photo_application_id'))
    )
    op.create_table('check_in',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('marked_by_id', sa.Integer(), nullable=False),
    sa.Column('marked_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_check_in_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_check_in_competition_id_competition')),
    sa.ForeignKeyConstraint(['marked_by_id'], ['user_account.id'], name=op.f('fk_check_in_marked_by_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_check_in')),
    sa.UniqueConstraint('application_id', name=op.f('uq_check_in_application_id'))
    )
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_check_in_competition_id'), ['competition_id'], unique=False)

    op.create_table('practice_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('started_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('duration_seconds', sa.Integer(), nullable=False),
    sa.Column('submitted_at', exam.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('max_score', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_practice_attempt_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_practice_attempt_competition_id_competition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_attempt'))
    )
    with op.batch_alter_table('practice_attempt', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_attempt_application_id'), ['application_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_practice_attempt_competition_id'), ['competition_id'], unique=False)

    op.create_table('room_proctor',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['room_id'], ['exam_room.id'], name=op.f('fk_room_proctor_room_id_exam_room')),
    sa.ForeignKeyConstraint(['user_id'], ['user_account.id'], name=op.f('fk_room_proctor_user_id_user_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_room_proctor')),
    sa.UniqueConstraint('room_id', 'user_id', name=op.f('uq_room_proctor_room_id_user_id'))
    )
    with op.batch_alter_table('room_proctor', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_room_proctor_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_room_proctor_user_id'), ['user_id'], unique=False)

    op.create_table('seat_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('competition_id', sa.Integer(), nullable=False),
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('room_id', sa.Integer(), nullable=False),
    sa.Column('seat_number', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['application_id'], ['application.id'], name=op.f('fk_seat_assignment_application_id_application')),
    sa.ForeignKeyConstraint(['competition_id'], ['competition.id'], name=op.f('fk_seat_assignment_competition_id_competition')),
    sa.ForeignKeyConstraint(['room_id'], ['exam_room.id'], name=op.f('fk_seat_assignment_room_id_exam_room')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_seat_assignment')),
    sa.UniqueConstraint('application_id', name=op.f('uq_seat_assignment_application_id')),
    sa.UniqueConstraint('room_id', 'seat_number', name=op.f('uq_seat_assignment_room_id_seat_number'))
    )
    with op.batch_alter_table('seat_assignment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_seat_assignment_competition_id'), ['competition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_seat_assignment_room_id'), ['room_id'], unique=False)

    op.create_table('practice_save',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('attempt_id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('response', sa.String(length=8), nullable=False),
    sa.Column('is_flagged', sa.Boolean(), nullable=False),
    sa.Column('client_seq', sa.BigInteger(), nullable=False),
    sa.Column('saved_at', exam.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['attempt_id'], ['practice_attempt.id'], name=op.f('fk_practice_save_attempt_id_practice_attempt')),
    sa.ForeignKeyConstraint(['item_id'], ['practice_item.id'], name=op.f('fk_practice_save_item_id_practice_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_practice_save'))
    )
    with op.batch_alter_table('practice_save', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_practice_save_attempt_id'), ['attempt_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('practice_save', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_save_attempt_id'))

    op.drop_table('practice_save')
    with op.batch_alter_table('seat_assignment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_seat_assignment_room_id'))
        batch_op.drop_index(batch_op.f('ix_seat_assignment_competition_id'))

    op.drop_table('seat_assignment')
    with op.batch_alter_table('room_proctor', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_room_proctor_user_id'))
        batch_op.drop_index(batch_op.f('ix_room_proctor_room_id'))

    op.drop_table('room_proctor')
    with op.batch_alter_table('practice_attempt', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_attempt_competition_id'))
        batch_op.drop_index(batch_op.f('ix_practice_attempt_application_id'))

    op.drop_table('practice_attempt')
    with op.batch_alter_table('check_in', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_check_in_competition_id'))

    op.drop_table('check_in')
    op.drop_table('candidate_photo')
    op.drop_table('seb_rule')
    op.drop_table('seat_draw')
    with op.batch_alter_table('practice_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_practice_item_competition_id'))

    op.drop_table('practice_item')
    with op.batch_alter_table('exam_room', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_exam_room_competition_id'))

    op.drop_table('exam_room')
