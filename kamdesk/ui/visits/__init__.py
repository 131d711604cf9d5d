"""The visit workspace and its dialogs: plan a visit, take notes (autosaved), fill the needs
questionnaire, finish with an outcome and follow-up tasks."""
