"""The HTML side of intake: the application form and the withdraw link's page."""
