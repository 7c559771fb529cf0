"""The routine: what is due today, runs that can be paused and resumed, and their answers.

The interactive walkthrough lives in the CLI; everything it does to the store goes through
here, so a run can also be driven from Python or tests without a terminal.
"""
