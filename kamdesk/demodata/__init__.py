"""A deterministic, fictional demo bank (teams, users, products, clients and their history).

Pure data: no SQLAlchemy, no services. `kamdesk.services.demo` stores it in a client file;
the sync server may reuse it to seed a demo bank.
"""
from kamdesk.demodata.generator import (SENSITIVE_FIELDS, TABLES, DemoBank, client_history, generate_bank,
                                        make_account, make_credit_code, make_mobile, make_resident_id)

__all__ = ["SENSITIVE_FIELDS", "TABLES", "DemoBank", "client_history", "generate_bank", "make_account",
           "make_credit_code", "make_mobile", "make_resident_id"]
