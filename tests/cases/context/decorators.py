"""Decorators: abstract and overload stubs, @override, and ones that use the context."""
import abc
import typing
from abc import abstractmethod as abstract
from typing import overload, override

import typing_extensions
from oslo_db.sqlalchemy import enginefacade
from oslo_service import periodic_task
from oslo_versionedobjects import base as ovo_base

from nimbus.db import api as db_api

context_manager = enginefacade.transaction_context()


class Driver(abc.ABC):
    @abc.abstractmethod
    def spawn(self, context, instance):  # ok: SRB901
        instance.launch()

    @typing.overload
    def lookup(self, context, key: int) -> int:  # ok: SRB901
        return key

    @typing_extensions.override
    def describe(self, context):  # ok: SRB901
        return self.name

    @abstract
    def stop(self, context, instance):  # ok: SRB901
        instance.halt()

    @overload
    def lookup(self, context, key: str) -> str:  # ok: SRB901
        return key.upper()

    @override
    def rename(self, context, name):  # ok: SRB901
        self.name = name

    @typing.no_type_check
    def undecided(self, context):  # expect: SRB901
        return self.name


@context_manager.writer
def create_mapping(context, spec, mapping):  # ok: SRB901
    spec.create()
    mapping.create()


@db_api.main_context_manager.reader.allow_async
def count_hosts(context, cell):  # ok: SRB901
    return len(cell.hosts)


@db_api.pick_context_manager_writer
def touch(context, host):  # ok: SRB901
    host.touch()


class Host(ovo_base.VersionedObject):
    @ovo_base.remotable
    def save(self, context=None):  # ok: SRB901
        self.dbapi.update_host(self.id, self.obj_get_changes())


class RouterMixin:
    @db_api.retry_if_session_inactive()
    def _on_port_update(self, resource, event, trigger, context, payload):  # ok: SRB901
        payload.router.refresh(payload.context)

    @db_api.retry_if_session_inactive_or_not()
    def _on_port_delete(self, resource, event, trigger, context, payload):  # expect: SRB901
        payload.router.forget(payload.context)


class Manager:
    @periodic_task.periodic_task(spacing=60)
    def _heal(self, context):  # ok: SRB901
        self.cache.clear()

    @trace
    def traced(self, context, host):  # expect: SRB901
        return host.name


def trace(function):
    return function
