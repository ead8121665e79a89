class BaseDriver:
    """Hooks every driver has; two levels above the real drivers."""

    def cleanup(self, context, instance):
        instance.cleanup(context)
