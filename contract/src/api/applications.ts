// Applications: the applicant's form, lists, evidence, receipts; reference data, precheck and the audit log.
export {};
