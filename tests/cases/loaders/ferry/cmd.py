from ferry import service


def main():
    return service.Service.create('ferry', worker='ferry.workers.Basic')


def agent():
    return service.Agent.create('agent')


def harness(argv):
    return service.Harness.start(argv[1])
