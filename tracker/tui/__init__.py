"""The Textual app: review, assign and follow up. Domain code never imports this package."""
