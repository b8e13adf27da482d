"""The weekly kartläggning export: protected counts, redacted submissions, charts, written atomically.

Entry points: ``export_week`` / ``export_weeks`` (CLI and console) and
``schedule.run_due_export`` (the bot's job queue).
"""
