from cirrus.virt import driver


class FakeDriver(driver.ComputeDriver):
    def spawn(self, context, instance, image):  # ok: SRB201
        instance.state = "running"

    def get_info(self, ctxt, instance):  # ok: SRB201
        return {"state": instance.state}

    def cleanup(self, context, instance):  # ok: SRB201
        instance.state = "deleted"

    def fake_only(self, context, instance):  # expect: SRB201
        return instance.state

    def replaced(self, context, instance):  # expect: SRB202
        context = None
        return instance.refresh(context)
