"""SRB1 stays silent on a raise in a closure that its enclosing function
only calls under a handler that takes the exception: a retry helper or a
lookup whose failure the function a few lines up explains itself."""
import os


class ImageMissing(Exception):
    msg_fmt = "Image %(image_id)s could not be found."


def map_partition(path, log):
    def recheck(target):
        if not os.path.exists(target):
            raise IOError()  # ok: SRB101

    try:
        recheck(path)
    except IOError:
        log.append("partition %s not found" % path)
        return False
    return True


def unshelve(images, image_id, log):
    def show(ident):
        if ident:
            return images[ident]
        raise ImageMissing(image_id="")  # ok: SRB102

    try:
        return show(image_id)
    except ImageMissing:
        log.append("the shelved image %s is gone" % image_id)
        raise RuntimeError("unshelve failed: image %s is gone" % image_id)


def called_outside_the_handler(path):
    def recheck(target):
        if not os.path.exists(target):
            raise IOError()  # expect: SRB101

    try:
        recheck(path)
    except IOError:
        pass
    recheck(path + ".1")


def handed_over(path, retry):
    def recheck(target):
        if not os.path.exists(target):
            raise IOError()  # expect: SRB101

    try:
        return retry(recheck, path)
    except IOError:
        return None


def handler_reraises(path, log):
    def recheck(target):
        if not os.path.exists(target):
            raise IOError()  # expect: SRB101

    try:
        recheck(path)
    except IOError:
        log.append("giving up")
        raise


def other_class_caught(path):
    def recheck(target):
        if not os.path.exists(target):
            raise IOError()  # expect: SRB101

    try:
        recheck(path)
    except KeyError:
        return None
