"""KAMDesk (大客户经理工作台): a key-account workstation for commercial-bank relationship managers."""

__version__ = "0.1.0"
