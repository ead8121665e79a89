"""A periodic-task helper with its own signal: Halt ends the task's loop."""


class Halt(Exception):
    """Raised by a periodic task to stop it."""


class Idle(Exception):
    pass


def periodic(task):
    def run(*args):
        try:
            return task(*args)
        except Halt:
            return None
    return run
