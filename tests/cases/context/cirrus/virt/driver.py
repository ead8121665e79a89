from cirrus.virt import base


class ComputeDriver(base.BaseDriver):
    def spawn(self, context, instance, image):
        raise NotImplementedError()

    def get_info(self, context, instance):
        raise NotImplementedError()

    def post_claim(self, context, instance, claim):  # expect: SRB901
        claim.apply(instance)
        return instance
