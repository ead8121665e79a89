from cirrus.virt import driver


class FakeDriver(driver.ComputeDriver):
    def spawn(self, context, instance, image):  # ok: SRB901
        instance.state = "running"

    def get_info(self, ctxt, instance):  # ok: SRB901
        return {"state": instance.state}

    def cleanup(self, context, instance):  # ok: SRB901
        instance.state = "deleted"

    def fake_only(self, context, instance):  # expect: SRB901
        return instance.state

    def replaced(self, context, instance):  # expect: SRB202
        context = None
        return instance.refresh(context)
