"""The import wizard's pages and helpers (the wizard itself is `ui.import_wizard.ImportWizard`)."""
