"""Appeals: answer-key objections (applied to every candidate by rescoring.py) and re-mark
appeals (re-marked blind through exam.scoring; a changed mark republishes the result)."""
