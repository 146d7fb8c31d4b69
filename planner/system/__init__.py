"""The program on its machine: version, data paths, bundled resources, atomic saves, the output
guard and file names. Imports only planner.domain.
"""
