from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional


class RoomForm(FlaskForm):
    code = StringField(_l("Room code"), validators=[DataRequired(), Length(max=16)],
                       description=_l("As written on the door, e.g. A101."))
    name = StringField(_l("Room and address"), validators=[DataRequired(), Length(max=200)])
    capacity = IntegerField(_l("Seats"), validators=[InputRequired(), NumberRange(1, 500)])
    session_number = IntegerField(_l("Session"), default=1,
                                  validators=[InputRequired(), NumberRange(1, 20)],
                                  description=_l("Sessions (ca thi) are numbered 1, 2, ..."))
    session_starts_at = DateTimeLocalField(_l("Session starts (Vietnam time)"),
                                           validators=[Optional()])


class RoomProctorForm(FlaskForm):
    user_id = SelectField(_l("Proctor"), coerce=int, validators=[InputRequired()])


class MarkForm(FlaskForm):
    status = SelectField(_l("Check-in"), choices=[SelectChoice("present", _l("Present")),
                                                  SelectChoice("absent", _l("Absent")),
                                                  SelectChoice("refused", _l("Refused"))])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])


class AdmitLateForm(FlaskForm):
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(min=5, max=500)])


class PhotoForm(FlaskForm):
    photo = FileField(_l("Photograph"), validators=[DataRequired()],
                      description=_l("A recent portrait, JPEG or PNG, at most 5 MB. It is "
                                     "printed on your admission ticket and the room list."))


class SebForm(FlaskForm):
    is_required = BooleanField(_l("Refuse any browser but Safe Exam Browser in the sitting"))
    config = FileField(_l("SEB configuration file (.seb, unencrypted XML)"),
                       description=_l("Leave empty to generate one for this site."))
    browser_exam_keys = TextAreaField(
        _l("Browser Exam Keys (optional)"), validators=[Optional(), Length(max=5000)],
        description=_l("One per line, read from SEB on a prepared machine. When you list "
                       "any, a machine must present one of them as well as the Config Key."))


class PracticeForm(FlaskForm):
    questions = TextAreaField(
        _l("Practice questions"), validators=[DataRequired(), Length(max=50000)],
        description=_l("One per line: question | option | option ... | number of the right "
                       "option. Write them for practice only: never copy an item of the bank."))
