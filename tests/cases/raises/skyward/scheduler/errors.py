from skyward.common.base import errors as base_errors


class Deep(base_errors.DeepBase):
    pass


class DeepWithoutMessage(base_errors.DeepPlain):
    pass


class Sibling(Exception):
    pass
