"""Calls a method named like the factory on an object of its own."""


def build(factory):
    return factory.create('anything')
