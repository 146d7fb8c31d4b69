"""What the window and the command line share: the session (opening the database as both do) and
the demo plans. Imports the services and everything below them.
"""
