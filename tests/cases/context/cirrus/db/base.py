class Base:
    def __init__(self):
        self.db = None
