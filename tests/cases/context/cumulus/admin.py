def get_admin_context():
    return None
