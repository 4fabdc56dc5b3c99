export namespace app {
	
	export class BuildInfo {
	    version: string;
	    commit: string;
	    modified: boolean;
	    platform: string;
	
	    static createFrom(source: any = {}) {
	        return new BuildInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.commit = source["commit"];
	        this.modified = source["modified"];
	        this.platform = source["platform"];
	    }
	}
	export class Challenge {
	    otp_channel: string;
	    otp_destination: string;
	    expires_in: number;
	
	    static createFrom(source: any = {}) {
	        return new Challenge(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.otp_channel = source["otp_channel"];
	        this.otp_destination = source["otp_destination"];
	        this.expires_in = source["expires_in"];
	    }
	}
	export class Chosen {
	    token: string;
	    name: string;
	
	    static createFrom(source: any = {}) {
	        return new Chosen(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.token = source["token"];
	        this.name = source["name"];
	    }
	}
	export class Created {
	    recovery_code: string;
	    keyring_banner: string;
	
	    static createFrom(source: any = {}) {
	        return new Created(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.recovery_code = source["recovery_code"];
	        this.keyring_banner = source["keyring_banner"];
	    }
	}
	export class FieldError {
	    field: string;
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new FieldError(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	export class ErrorPayload {
	    code: string;
	    message: string;
	    fields: FieldError[];
	
	    static createFrom(source: any = {}) {
	        return new ErrorPayload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	        this.fields = this.convertValues(source["fields"], FieldError);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ImportPreview {
	    op_id: string;
	    preview?: importer.Preview;
	
	    static createFrom(source: any = {}) {
	        return new ImportPreview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.op_id = source["op_id"];
	        this.preview = this.convertValues(source["preview"], importer.Preview);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Language {
	    code: i18n.Lang;
	    name: string;
	    dir: string;
	
	    static createFrom(source: any = {}) {
	        return new Language(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.name = source["name"];
	        this.dir = source["dir"];
	    }
	}
	export class ManualEvidenceInput {
	    deposit_reference: string;
	    deposit_date: string;
	    payment_reference: string;
	    control_report_token: string;
	
	    static createFrom(source: any = {}) {
	        return new ManualEvidenceInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.deposit_reference = source["deposit_reference"];
	        this.deposit_date = source["deposit_date"];
	        this.payment_reference = source["payment_reference"];
	        this.control_report_token = source["control_report_token"];
	    }
	}
	export class PreetabliImport {
	    imported: boolean;
	    preetabli?: store.Preetabli;
	    findings: desktop.ReportFinding[];
	
	    static createFrom(source: any = {}) {
	        return new PreetabliImport(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.imported = source["imported"];
	        this.preetabli = this.convertValues(source["preetabli"], store.Preetabli);
	        this.findings = this.convertValues(source["findings"], desktop.ReportFinding);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ProfileTest {
	    reach: string;
	
	    static createFrom(source: any = {}) {
	        return new ProfileTest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.reach = source["reach"];
	    }
	}
	export class ReceiptDoc {
	    id: string;
	    declaration_id: string;
	    submission_id?: string;
	    pdf: number[];
	    sandbox: boolean;
	    // Go type: time
	    created_at: any;
	    pdf_base64: string;
	
	    static createFrom(source: any = {}) {
	        return new ReceiptDoc(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.declaration_id = source["declaration_id"];
	        this.submission_id = source["submission_id"];
	        this.pdf = source["pdf"];
	        this.sandbox = source["sandbox"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.pdf_base64 = source["pdf_base64"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class RollbackPayload {
	    kind: string;
	    known_seq: number;
	    found_seq: number;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new RollbackPayload(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.known_seq = source["known_seq"];
	        this.found_seq = source["found_seq"];
	        this.message = source["message"];
	    }
	}
	export class SessionStatus {
	    has_vault: boolean;
	    unlocked: boolean;
	    data_dir: string;
	    remembered: boolean;
	    keyring_banner: string;
	    lang: i18n.Lang;
	    auto_lock_minutes: number;
	    retry_in_seconds: number;
	    method: string;
	    blocked?: ErrorPayload;
	    recovery_pending: boolean;
	    rollback?: RollbackPayload;
	
	    static createFrom(source: any = {}) {
	        return new SessionStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.has_vault = source["has_vault"];
	        this.unlocked = source["unlocked"];
	        this.data_dir = source["data_dir"];
	        this.remembered = source["remembered"];
	        this.keyring_banner = source["keyring_banner"];
	        this.lang = source["lang"];
	        this.auto_lock_minutes = source["auto_lock_minutes"];
	        this.retry_in_seconds = source["retry_in_seconds"];
	        this.method = source["method"];
	        this.blocked = this.convertValues(source["blocked"], ErrorPayload);
	        this.recovery_pending = source["recovery_pending"];
	        this.rollback = this.convertValues(source["rollback"], RollbackPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SubmitResult {
	    declaration_id: string;
	    submission?: store.Submission;
	    created: boolean;
	    error?: ErrorPayload;
	
	    static createFrom(source: any = {}) {
	        return new SubmitResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.declaration_id = source["declaration_id"];
	        this.submission = this.convertValues(source["submission"], store.Submission);
	        this.created = source["created"];
	        this.error = this.convertValues(source["error"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SubmitOutcome {
	    results: SubmitResult[];
	    snapshot_path: string;
	    snapshot_error?: ErrorPayload;
	
	    static createFrom(source: any = {}) {
	        return new SubmitOutcome(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.results = this.convertValues(source["results"], SubmitResult);
	        this.snapshot_path = source["snapshot_path"];
	        this.snapshot_error = this.convertValues(source["snapshot_error"], ErrorPayload);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace backup {
	
	export class Manifest {
	    format_version: number;
	    schema_version: number;
	    vault_id: string;
	    // Go type: time
	    created_at: any;
	    records: number;
	    stream_bytes: number;
	    stream_sha256: string;
	    vault_json_sha256: string;
	    reason?: string;
	
	    static createFrom(source: any = {}) {
	        return new Manifest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format_version = source["format_version"];
	        this.schema_version = source["schema_version"];
	        this.vault_id = source["vault_id"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.records = source["records"];
	        this.stream_bytes = source["stream_bytes"];
	        this.stream_sha256 = source["stream_sha256"];
	        this.vault_json_sha256 = source["vault_json_sha256"];
	        this.reason = source["reason"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PreviousInfo {
	    name: string;
	    path: string;
	    size: number;
	    // Go type: time
	    time: any;
	
	    static createFrom(source: any = {}) {
	        return new PreviousInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.path = source["path"];
	        this.size = source["size"];
	        this.time = this.convertValues(source["time"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Restored {
	    Manifest: Manifest;
	    Vault: vault.Info;
	    Records: number;
	    Audit: number;
	    Previous: string;
	
	    static createFrom(source: any = {}) {
	        return new Restored(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Manifest = this.convertValues(source["Manifest"], Manifest);
	        this.Vault = this.convertValues(source["Vault"], vault.Info);
	        this.Records = source["Records"];
	        this.Audit = source["Audit"];
	        this.Previous = source["Previous"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SnapshotInfo {
	    path: string;
	    name: string;
	    size: number;
	    // Go type: time
	    time: any;
	    auto: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SnapshotInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.size = source["size"];
	        this.time = this.convertValues(source["time"], null);
	        this.auto = source["auto"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace cnssfile {
	
	export class Totals {
	    Affiliation: string;
	    Period: domain.Period;
	    Count: number;
	    ImmatSum: number;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Ctr: number;
	
	    static createFrom(source: any = {}) {
	        return new Totals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Affiliation = source["Affiliation"];
	        this.Period = this.convertValues(source["Period"], domain.Period);
	        this.Count = source["Count"];
	        this.ImmatSum = source["ImmatSum"];
	        this.Days = source["Days"];
	        this.Real = source["Real"];
	        this.Capped = source["Capped"];
	        this.Ctr = source["Ctr"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Entrant {
	    Affiliation: string;
	    Period: domain.Period;
	    Immat: string;
	    Name: string;
	    CIN: string;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Ctr: number;
	
	    static createFrom(source: any = {}) {
	        return new Entrant(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Affiliation = source["Affiliation"];
	        this.Period = this.convertValues(source["Period"], domain.Period);
	        this.Immat = source["Immat"];
	        this.Name = source["Name"];
	        this.CIN = source["CIN"];
	        this.Days = source["Days"];
	        this.Real = source["Real"];
	        this.Capped = source["Capped"];
	        this.Ctr = source["Ctr"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LineTotals {
	    Affiliation: string;
	    Period: domain.Period;
	    Count: number;
	    Children: number;
	    AFToPay: number;
	    AFToDeduct: number;
	    AFNet: number;
	    ImmatSum: number;
	    AFToReverse: number;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Ctr: number;
	
	    static createFrom(source: any = {}) {
	        return new LineTotals(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Affiliation = source["Affiliation"];
	        this.Period = this.convertValues(source["Period"], domain.Period);
	        this.Count = source["Count"];
	        this.Children = source["Children"];
	        this.AFToPay = source["AFToPay"];
	        this.AFToDeduct = source["AFToDeduct"];
	        this.AFNet = source["AFNet"];
	        this.ImmatSum = source["ImmatSum"];
	        this.AFToReverse = source["AFToReverse"];
	        this.Days = source["Days"];
	        this.Real = source["Real"];
	        this.Capped = source["Capped"];
	        this.Ctr = source["Ctr"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Line {
	    Affiliation: string;
	    Period: domain.Period;
	    Immat: string;
	    Name: string;
	    Children: number;
	    AFToPay: number;
	    AFToDeduct: number;
	    AFNet: number;
	    AFToReverse: number;
	    Days: number;
	    Real: number;
	    Capped: number;
	    Situation: string;
	    Ctr: number;
	
	    static createFrom(source: any = {}) {
	        return new Line(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Affiliation = source["Affiliation"];
	        this.Period = this.convertValues(source["Period"], domain.Period);
	        this.Immat = source["Immat"];
	        this.Name = source["Name"];
	        this.Children = source["Children"];
	        this.AFToPay = source["AFToPay"];
	        this.AFToDeduct = source["AFToDeduct"];
	        this.AFNet = source["AFNet"];
	        this.AFToReverse = source["AFToReverse"];
	        this.Days = source["Days"];
	        this.Real = source["Real"];
	        this.Capped = source["Capped"];
	        this.Situation = source["Situation"];
	        this.Ctr = source["Ctr"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Employer {
	    Affiliation: string;
	    Period: domain.Period;
	    Name: string;
	    Activity: string;
	    Address: string;
	    City: string;
	    PostalCode: string;
	    Agency: string;
	    IssueDate: domain.Date;
	    DueDate: domain.Date;
	
	    static createFrom(source: any = {}) {
	        return new Employer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Affiliation = source["Affiliation"];
	        this.Period = this.convertValues(source["Period"], domain.Period);
	        this.Name = source["Name"];
	        this.Activity = source["Activity"];
	        this.Address = source["Address"];
	        this.City = source["City"];
	        this.PostalCode = source["PostalCode"];
	        this.Agency = source["Agency"];
	        this.IssueDate = this.convertValues(source["IssueDate"], domain.Date);
	        this.DueDate = this.convertValues(source["DueDate"], domain.Date);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Header {
	    TransferID: string;
	    Cat: string;
	
	    static createFrom(source: any = {}) {
	        return new Header(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.TransferID = source["TransferID"];
	        this.Cat = source["Cat"];
	    }
	}
	export class Declaration {
	    Prefix: number;
	    Header: Header;
	    Employer: Employer;
	    Lines: Line[];
	    LineTotals: LineTotals;
	    Entrants: Entrant[];
	    EntrantTotals: Totals;
	    GrandTotals: Totals;
	
	    static createFrom(source: any = {}) {
	        return new Declaration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Prefix = source["Prefix"];
	        this.Header = this.convertValues(source["Header"], Header);
	        this.Employer = this.convertValues(source["Employer"], Employer);
	        this.Lines = this.convertValues(source["Lines"], Line);
	        this.LineTotals = this.convertValues(source["LineTotals"], LineTotals);
	        this.Entrants = this.convertValues(source["Entrants"], Entrant);
	        this.EntrantTotals = this.convertValues(source["EntrantTotals"], Totals);
	        this.GrandTotals = this.convertValues(source["GrandTotals"], Totals);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	
	

}

export namespace declaration {
	
	export class Finding {
	    Rule: string;
	    Severity: string;
	    Record: string;
	    Line: number;
	    Field: string;
	    Employee: string;
	    Source: string;
	    Msg: i18n.Text;
	    Args: any[];
	    HintArgs: any[];
	
	    static createFrom(source: any = {}) {
	        return new Finding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Rule = source["Rule"];
	        this.Severity = source["Severity"];
	        this.Record = source["Record"];
	        this.Line = source["Line"];
	        this.Field = source["Field"];
	        this.Employee = source["Employee"];
	        this.Source = source["Source"];
	        this.Msg = this.convertValues(source["Msg"], i18n.Text);
	        this.Args = source["Args"];
	        this.HintArgs = source["HintArgs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Report {
	    Findings: Finding[];
	
	    static createFrom(source: any = {}) {
	        return new Report(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Findings = this.convertValues(source["Findings"], Finding);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Result {
	    Kind: string;
	    Sequence: number;
	    FileName: string;
	    Bytes: number[];
	    SHA256: string;
	    Report?: Report;
	    Decl: cnssfile.Declaration;
	    Estimate: params.Estimate;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Kind = source["Kind"];
	        this.Sequence = source["Sequence"];
	        this.FileName = source["FileName"];
	        this.Bytes = source["Bytes"];
	        this.SHA256 = source["SHA256"];
	        this.Report = this.convertValues(source["Report"], Report);
	        this.Decl = this.convertValues(source["Decl"], cnssfile.Declaration);
	        this.Estimate = this.convertValues(source["Estimate"], params.Estimate);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace desktop {
	
	export enum Urgency {
	    Done = "done",
	    OK = "ok",
	    Overdue = "overdue",
	    Soon = "soon",
	    Urgent = "urgent",
	}
	export class HistoryPoint {
	    period: domain.Period;
	    real: number;
	    headcount: number;
	
	    static createFrom(source: any = {}) {
	        return new HistoryPoint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.real = source["real"];
	        this.headcount = source["headcount"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DashboardRow {
	    employer_id: string;
	    affiliation: string;
	    name: string;
	    profile: string;
	    employees: number;
	    period: domain.Period;
	    state: string;
	    deadline: domain.Date;
	    preetabli_imported: boolean;
	    preetabli_employees: number;
	    lines: number;
	    declarations: number;
	    declaration_id?: string;
	    declaration_status?: string;
	    errors: number;
	    warnings: number;
	    // Go type: time
	    updated_at: any;
	    due_date: domain.Date;
	    days_left: number;
	    urgency: Urgency;
	    history: HistoryPoint[];
	    attempts_failed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new DashboardRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employer_id = source["employer_id"];
	        this.affiliation = source["affiliation"];
	        this.name = source["name"];
	        this.profile = source["profile"];
	        this.employees = source["employees"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.state = source["state"];
	        this.deadline = this.convertValues(source["deadline"], domain.Date);
	        this.preetabli_imported = source["preetabli_imported"];
	        this.preetabli_employees = source["preetabli_employees"];
	        this.lines = source["lines"];
	        this.declarations = source["declarations"];
	        this.declaration_id = source["declaration_id"];
	        this.declaration_status = source["declaration_status"];
	        this.errors = source["errors"];
	        this.warnings = source["warnings"];
	        this.updated_at = this.convertValues(source["updated_at"], null);
	        this.due_date = this.convertValues(source["due_date"], domain.Date);
	        this.days_left = source["days_left"];
	        this.urgency = source["urgency"];
	        this.history = this.convertValues(source["history"], HistoryPoint);
	        this.attempts_failed = source["attempts_failed"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Dashboard {
	    period: domain.Period;
	    today: domain.Date;
	    rows: DashboardRow[];
	    counts: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new Dashboard(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.today = this.convertValues(source["today"], domain.Date);
	        this.rows = this.convertValues(source["rows"], DashboardRow);
	        this.counts = source["counts"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class FirmDossier {
	    employer_id: string;
	    employer_name: string;
	    dossier: string;
	    holder: string;
	    holder_name: string;
	    // Go type: time
	    since: any;
	    // Go type: time
	    expires: any;
	    mine: boolean;
	    free: boolean;
	    head: number;
	    applied: number;
	    proposals: number;
	    pending: boolean;
	    stage: string;
	    seats: string[];
	    clash: string;
	    clash_with: string;
	    clash_message: i18n.Text;
	
	    static createFrom(source: any = {}) {
	        return new FirmDossier(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employer_id = source["employer_id"];
	        this.employer_name = source["employer_name"];
	        this.dossier = source["dossier"];
	        this.holder = source["holder"];
	        this.holder_name = source["holder_name"];
	        this.since = this.convertValues(source["since"], null);
	        this.expires = this.convertValues(source["expires"], null);
	        this.mine = source["mine"];
	        this.free = source["free"];
	        this.head = source["head"];
	        this.applied = source["applied"];
	        this.proposals = source["proposals"];
	        this.pending = source["pending"];
	        this.stage = source["stage"];
	        this.seats = source["seats"];
	        this.clash = source["clash"];
	        this.clash_with = source["clash_with"];
	        this.clash_message = this.convertValues(source["clash_message"], i18n.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FirmProposal {
	    id: string;
	    // Go type: time
	    at: any;
	    base_seq: number;
	    records: number;
	    kinds: Record<string, number>;
	
	    static createFrom(source: any = {}) {
	        return new FirmProposal(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = this.convertValues(source["at"], null);
	        this.base_seq = source["base_seq"];
	        this.records = source["records"];
	        this.kinds = source["kinds"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class FirmSeat {
	    id: string;
	    name: string;
	    founder: boolean;
	    revoked: boolean;
	    me: boolean;
	
	    static createFrom(source: any = {}) {
	        return new FirmSeat(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.founder = source["founder"];
	        this.revoked = source["revoked"];
	        this.me = source["me"];
	    }
	}
	export class FirmSettings {
	    endpoint: string;
	    bucket: string;
	    region: string;
	    access_key: string;
	
	    static createFrom(source: any = {}) {
	        return new FirmSettings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.endpoint = source["endpoint"];
	        this.bucket = source["bucket"];
	        this.region = source["region"];
	        this.access_key = source["access_key"];
	    }
	}
	export class FirmStatus {
	    set_up: boolean;
	    has_seat: boolean;
	    seat_id: string;
	    seat_name: string;
	    invitation: string;
	    founder: boolean;
	    ref: string;
	    settings: FirmSettings;
	    seats: FirmSeat[];
	    reachable: boolean;
	    last_error: string;
	    // Go type: time
	    last_sync: any;
	    dossiers: number;
	
	    static createFrom(source: any = {}) {
	        return new FirmStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.set_up = source["set_up"];
	        this.has_seat = source["has_seat"];
	        this.seat_id = source["seat_id"];
	        this.seat_name = source["seat_name"];
	        this.invitation = source["invitation"];
	        this.founder = source["founder"];
	        this.ref = source["ref"];
	        this.settings = this.convertValues(source["settings"], FirmSettings);
	        this.seats = this.convertValues(source["seats"], FirmSeat);
	        this.reachable = source["reachable"];
	        this.last_error = source["last_error"];
	        this.last_sync = this.convertValues(source["last_sync"], null);
	        this.dossiers = source["dossiers"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ProfileLogin {
	    login: string;
	    saved: string;
	
	    static createFrom(source: any = {}) {
	        return new ProfileLogin(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.login = source["login"];
	        this.saved = source["saved"];
	    }
	}
	export class PlatformProfile {
	    id: string;
	    name: string;
	    builtin: boolean;
	    base_url: string;
	    env_url?: string;
	    employers: number;
	    logins: ProfileLogin[];
	
	    static createFrom(source: any = {}) {
	        return new PlatformProfile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.builtin = source["builtin"];
	        this.base_url = source["base_url"];
	        this.env_url = source["env_url"];
	        this.employers = source["employers"];
	        this.logins = this.convertValues(source["logins"], ProfileLogin);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Profile {
	    id: string;
	    kind: string;
	    available: boolean;
	    base_url?: string;
	    has_session: boolean;
	    waiting: number;
	    logins: string[];
	    demo_login?: string;
	    demo_password?: string;
	
	    static createFrom(source: any = {}) {
	        return new Profile(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.available = source["available"];
	        this.base_url = source["base_url"];
	        this.has_session = source["has_session"];
	        this.waiting = source["waiting"];
	        this.logins = source["logins"];
	        this.demo_login = source["demo_login"];
	        this.demo_password = source["demo_password"];
	    }
	}
	
	export class ReceiptRow {
	    receipt_id: string;
	    declaration_id: string;
	    submission_id?: string;
	    employer_id: string;
	    affiliation: string;
	    name: string;
	    period: domain.Period;
	    kind: string;
	    sequence: number;
	    file_name: string;
	    status: string;
	    sandbox: boolean;
	    // Go type: time
	    created_at: any;
	
	    static createFrom(source: any = {}) {
	        return new ReceiptRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.receipt_id = source["receipt_id"];
	        this.declaration_id = source["declaration_id"];
	        this.submission_id = source["submission_id"];
	        this.employer_id = source["employer_id"];
	        this.affiliation = source["affiliation"];
	        this.name = source["name"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.kind = source["kind"];
	        this.sequence = source["sequence"];
	        this.file_name = source["file_name"];
	        this.status = source["status"];
	        this.sandbox = source["sandbox"];
	        this.created_at = this.convertValues(source["created_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ReportFinding {
	    rule: string;
	    severity: string;
	    record: string;
	    line: number;
	    field: string;
	    employee: string;
	    message: i18n.Text;
	    hint: i18n.Text;
	
	    static createFrom(source: any = {}) {
	        return new ReportFinding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rule = source["rule"];
	        this.severity = source["severity"];
	        this.record = source["record"];
	        this.line = source["line"];
	        this.field = source["field"];
	        this.employee = source["employee"];
	        this.message = this.convertValues(source["message"], i18n.Text);
	        this.hint = this.convertValues(source["hint"], i18n.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace domain {
	
	export class Date {
	    Year: number;
	    Month: number;
	    Day: number;
	
	    static createFrom(source: any = {}) {
	        return new Date(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Year = source["Year"];
	        this.Month = source["Month"];
	        this.Day = source["Day"];
	    }
	}
	export class Period {
	    Year: number;
	    Month: number;
	
	    static createFrom(source: any = {}) {
	        return new Period(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Year = source["Year"];
	        this.Month = source["Month"];
	    }
	}
	export class DeadlineOverride {
	    period: Period;
	    date: Date;
	    note?: string;
	
	    static createFrom(source: any = {}) {
	        return new DeadlineOverride(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], Period);
	        this.date = this.convertValues(source["date"], Date);
	        this.note = source["note"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Employee {
	    id: string;
	    employer_id: string;
	    immatriculation?: string;
	    cin?: string;
	    last_name: string;
	    first_name?: string;
	    birth_date: Date;
	    hire_date: Date;
	    exit_date: Date;
	    job_title?: string;
	    monthly_gross: number;
	    children: number;
	    rib?: string;
	    // Go type: time
	    created_at: any;
	    // Go type: time
	    updated_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Employee(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.employer_id = source["employer_id"];
	        this.immatriculation = source["immatriculation"];
	        this.cin = source["cin"];
	        this.last_name = source["last_name"];
	        this.first_name = source["first_name"];
	        this.birth_date = this.convertValues(source["birth_date"], Date);
	        this.hire_date = this.convertValues(source["hire_date"], Date);
	        this.exit_date = this.convertValues(source["exit_date"], Date);
	        this.job_title = source["job_title"];
	        this.monthly_gross = source["monthly_gross"];
	        this.children = source["children"];
	        this.rib = source["rib"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.updated_at = this.convertValues(source["updated_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Employer {
	    id: string;
	    affiliation: string;
	    name: string;
	    ice?: string;
	    if?: string;
	    rc?: string;
	    activity?: string;
	    address?: string;
	    city?: string;
	    postal_code?: string;
	    agency?: string;
	    platform_profile: string;
	    amo_solidarity_only: boolean;
	    deadline_overrides?: DeadlineOverride[];
	    // Go type: time
	    created_at: any;
	    // Go type: time
	    updated_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Employer(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.affiliation = source["affiliation"];
	        this.name = source["name"];
	        this.ice = source["ice"];
	        this.if = source["if"];
	        this.rc = source["rc"];
	        this.activity = source["activity"];
	        this.address = source["address"];
	        this.city = source["city"];
	        this.postal_code = source["postal_code"];
	        this.agency = source["agency"];
	        this.platform_profile = source["platform_profile"];
	        this.amo_solidarity_only = source["amo_solidarity_only"];
	        this.deadline_overrides = this.convertValues(source["deadline_overrides"], DeadlineOverride);
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.updated_at = this.convertValues(source["updated_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace i18n {
	
	export enum Lang {
	    AR = "ar",
	    EN = "en",
	    FR = "fr",
	}
	export class Text {
	    fr: string;
	    ar: string;
	    en: string;
	
	    static createFrom(source: any = {}) {
	        return new Text(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fr = source["fr"];
	        this.ar = source["ar"];
	        this.en = source["en"];
	    }
	}
	export class Error {
	    Code: string;
	    Msg: Text;
	    Args: any[];
	    Field: string;
	    Err: any;
	
	    static createFrom(source: any = {}) {
	        return new Error(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.Code = source["Code"];
	        this.Msg = this.convertValues(source["Msg"], Text);
	        this.Args = source["Args"];
	        this.Field = source["Field"];
	        this.Err = source["Err"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace importer {
	
	export class Column {
	    index: number;
	    letter: string;
	    header: string;
	    field?: string;
	
	    static createFrom(source: any = {}) {
	        return new Column(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.index = source["index"];
	        this.letter = source["letter"];
	        this.header = source["header"];
	        this.field = source["field"];
	    }
	}
	export class Counts {
	    rows: number;
	    create: number;
	    update: number;
	    unchanged: number;
	    errors: number;
	    warnings: number;
	
	    static createFrom(source: any = {}) {
	        return new Counts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rows = source["rows"];
	        this.create = source["create"];
	        this.update = source["update"];
	        this.unchanged = source["unchanged"];
	        this.errors = source["errors"];
	        this.warnings = source["warnings"];
	    }
	}
	export class Issue {
	    line?: number;
	    column?: string;
	    field?: string;
	    code: string;
	    severity: string;
	    message: i18n.Text;
	
	    static createFrom(source: any = {}) {
	        return new Issue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.column = source["column"];
	        this.field = source["field"];
	        this.code = source["code"];
	        this.severity = source["severity"];
	        this.message = this.convertValues(source["message"], i18n.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EmployeeRow {
	    line: number;
	    action: string;
	    record: domain.Employee;
	    existing?: domain.Employee;
	    matched_by?: string;
	    changes?: string[];
	    errors?: Issue[];
	    warnings?: Issue[];
	
	    static createFrom(source: any = {}) {
	        return new EmployeeRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.action = source["action"];
	        this.record = this.convertValues(source["record"], domain.Employee);
	        this.existing = this.convertValues(source["existing"], domain.Employee);
	        this.matched_by = source["matched_by"];
	        this.changes = source["changes"];
	        this.errors = this.convertValues(source["errors"], Issue);
	        this.warnings = this.convertValues(source["warnings"], Issue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EmployerRow {
	    line: number;
	    action: string;
	    record: domain.Employer;
	    existing?: domain.Employer;
	    changes?: string[];
	    errors?: Issue[];
	    warnings?: Issue[];
	
	    static createFrom(source: any = {}) {
	        return new EmployerRow(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.action = source["action"];
	        this.record = this.convertValues(source["record"], domain.Employer);
	        this.existing = this.convertValues(source["existing"], domain.Employer);
	        this.changes = source["changes"];
	        this.errors = this.convertValues(source["errors"], Issue);
	        this.warnings = this.convertValues(source["warnings"], Issue);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class Preview {
	    kind: string;
	    file: string;
	    format: string;
	    sheet?: string;
	    sheets?: string[];
	    encoding?: string;
	    header_line: number;
	    columns: Column[];
	    ignored_columns: Column[];
	    employer_id?: string;
	    notices?: Issue[];
	    employers?: EmployerRow[];
	    employees?: EmployeeRow[];
	    counts: Counts;
	
	    static createFrom(source: any = {}) {
	        return new Preview(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.file = source["file"];
	        this.format = source["format"];
	        this.sheet = source["sheet"];
	        this.sheets = source["sheets"];
	        this.encoding = source["encoding"];
	        this.header_line = source["header_line"];
	        this.columns = this.convertValues(source["columns"], Column);
	        this.ignored_columns = this.convertValues(source["ignored_columns"], Column);
	        this.employer_id = source["employer_id"];
	        this.notices = this.convertValues(source["notices"], Issue);
	        this.employers = this.convertValues(source["employers"], EmployerRow);
	        this.employees = this.convertValues(source["employees"], EmployeeRow);
	        this.counts = this.convertValues(source["counts"], Counts);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Result {
	    created: number;
	    updated: number;
	    unchanged: number;
	    skipped: number;
	    transactions: number;
	    staged: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Result(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.created = source["created"];
	        this.updated = source["updated"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	        this.transactions = source["transactions"];
	        this.staged = source["staged"];
	    }
	}

}

export namespace lifecycle {
	
	export class Flags {
	    frozen: boolean;
	    can_submit: boolean;
	    can_export: boolean;
	    needs_regenerate: boolean;
	    deposited: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Flags(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.frozen = source["frozen"];
	        this.can_submit = source["can_submit"];
	        this.can_export = source["can_export"];
	        this.needs_regenerate = source["needs_regenerate"];
	        this.deposited = source["deposited"];
	    }
	}
	export class MonthFlags {
	    frozen: boolean;
	    can_complement: boolean;
	    needs_regenerate: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MonthFlags(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.frozen = source["frozen"];
	        this.can_complement = source["can_complement"];
	        this.needs_regenerate = source["needs_regenerate"];
	    }
	}

}

export namespace monthly {
	
	export class Declaration {
	    id: string;
	    employer_id: string;
	    period: domain.Period;
	    kind: string;
	    sequence: number;
	    status: string;
	    file_name: string;
	    bytes?: number[];
	    sha256: string;
	    findings?: store.Finding[];
	    errors: number;
	    warnings: number;
	    note?: string;
	    // Go type: time
	    created_at: any;
	    // Go type: time
	    updated_at: any;
	    // Go type: time
	    frozen_at: any;
	    flags: lifecycle.Flags;
	
	    static createFrom(source: any = {}) {
	        return new Declaration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.employer_id = source["employer_id"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.kind = source["kind"];
	        this.sequence = source["sequence"];
	        this.status = source["status"];
	        this.file_name = source["file_name"];
	        this.bytes = source["bytes"];
	        this.sha256 = source["sha256"];
	        this.findings = this.convertValues(source["findings"], store.Finding);
	        this.errors = source["errors"];
	        this.warnings = source["warnings"];
	        this.note = source["note"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.updated_at = this.convertValues(source["updated_at"], null);
	        this.frozen_at = this.convertValues(source["frozen_at"], null);
	        this.flags = this.convertValues(source["flags"], lifecycle.Flags);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Finding {
	    rule: string;
	    severity: string;
	    row: number;
	    column: string;
	    record: string;
	    line: number;
	    field: string;
	    message: i18n.Text;
	    hint: i18n.Text;
	
	    static createFrom(source: any = {}) {
	        return new Finding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rule = source["rule"];
	        this.severity = source["severity"];
	        this.row = source["row"];
	        this.column = source["column"];
	        this.record = source["record"];
	        this.line = source["line"];
	        this.field = source["field"];
	        this.message = this.convertValues(source["message"], i18n.Text);
	        this.hint = this.convertValues(source["hint"], i18n.Text);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Generated {
	    declaration: store.Declaration;
	    findings: Finding[];
	    valid: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Generated(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.declaration = this.convertValues(source["declaration"], store.Declaration);
	        this.findings = this.convertValues(source["findings"], Finding);
	        this.valid = source["valid"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class LineInput {
	    employee_id: string;
	    days: number;
	    gross: number;
	    situation: string;
	
	    static createFrom(source: any = {}) {
	        return new LineInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employee_id = source["employee_id"];
	        this.days = source["days"];
	        this.gross = source["gross"];
	        this.situation = source["situation"];
	    }
	}
	export class Row {
	    employee_id: string;
	    immatriculation: string;
	    cin: string;
	    name: string;
	    category: string;
	    preetabli_line: number;
	    days: number;
	    gross: number;
	    situation: string;
	    needs_situation: boolean;
	    saved: boolean;
	    source: string;
	    findings: Finding[];
	
	    static createFrom(source: any = {}) {
	        return new Row(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employee_id = source["employee_id"];
	        this.immatriculation = source["immatriculation"];
	        this.cin = source["cin"];
	        this.name = source["name"];
	        this.category = source["category"];
	        this.preetabli_line = source["preetabli_line"];
	        this.days = source["days"];
	        this.gross = source["gross"];
	        this.situation = source["situation"];
	        this.needs_situation = source["needs_situation"];
	        this.saved = source["saved"];
	        this.source = source["source"];
	        this.findings = this.convertValues(source["findings"], Finding);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Workspace {
	    employer_id: string;
	    affiliation: string;
	    period: domain.Period;
	    preetabli?: store.Preetabli;
	    rows: Row[];
	    findings: Finding[];
	    errors: number;
	    warnings: number;
	    totals: cnssfile.Totals;
	    estimate: params.Estimate;
	    due_date: domain.Date;
	    declarations: Declaration[];
	    lifecycle: lifecycle.MonthFlags;
	    counts: Record<string, number>;
	    prefilled: boolean;
	    previous_month: boolean;
	    max_days: number;
	
	    static createFrom(source: any = {}) {
	        return new Workspace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employer_id = source["employer_id"];
	        this.affiliation = source["affiliation"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.preetabli = this.convertValues(source["preetabli"], store.Preetabli);
	        this.rows = this.convertValues(source["rows"], Row);
	        this.findings = this.convertValues(source["findings"], Finding);
	        this.errors = source["errors"];
	        this.warnings = source["warnings"];
	        this.totals = this.convertValues(source["totals"], cnssfile.Totals);
	        this.estimate = this.convertValues(source["estimate"], params.Estimate);
	        this.due_date = this.convertValues(source["due_date"], domain.Date);
	        this.declarations = this.convertValues(source["declarations"], Declaration);
	        this.lifecycle = this.convertValues(source["lifecycle"], lifecycle.MonthFlags);
	        this.counts = source["counts"];
	        this.prefilled = source["prefilled"];
	        this.previous_month = source["previous_month"];
	        this.max_days = source["max_days"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace params {
	
	export class BranchEstimate {
	    branch: string;
	    label: i18n.Text;
	    base: number;
	    employer_rate: number;
	    employee_rate: number;
	    employer: number;
	    employee: number;
	
	    static createFrom(source: any = {}) {
	        return new BranchEstimate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.branch = source["branch"];
	        this.label = this.convertValues(source["label"], i18n.Text);
	        this.base = source["base"];
	        this.employer_rate = source["employer_rate"];
	        this.employee_rate = source["employee_rate"];
	        this.employer = source["employer"];
	        this.employee = source["employee"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Estimate {
	    branches: BranchEstimate[];
	    employer: number;
	    employee: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new Estimate(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.branches = this.convertValues(source["branches"], BranchEstimate);
	        this.employer = source["employer"];
	        this.employee = source["employee"];
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace profiles {
	
	export class Remote {
	    name: string;
	    base_url: string;
	
	    static createFrom(source: any = {}) {
	        return new Remote(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.base_url = source["base_url"];
	    }
	}

}

export namespace sandbox {
	
	export class InboxMessage {
	    login: string;
	    channel: string;
	    destination: string;
	    code: string;
	    challenge_id: string;
	    // Go type: time
	    sent_at: any;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new InboxMessage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.login = source["login"];
	        this.channel = source["channel"];
	        this.destination = source["destination"];
	        this.code = source["code"];
	        this.challenge_id = source["challenge_id"];
	        this.sent_at = this.convertValues(source["sent_at"], null);
	        this.text = source["text"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace settings {
	
	export class Settings {
	    lang: i18n.Lang;
	    auto_lock_minutes: number;
	    backup_folder: string;
	    snapshots_kept: number;
	    snapshot_on_exit: boolean;
	    snapshot_on_submit: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Settings(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.lang = source["lang"];
	        this.auto_lock_minutes = source["auto_lock_minutes"];
	        this.backup_folder = source["backup_folder"];
	        this.snapshots_kept = source["snapshots_kept"];
	        this.snapshot_on_exit = source["snapshot_on_exit"];
	        this.snapshot_on_submit = source["snapshot_on_submit"];
	    }
	}

}

export namespace store {
	
	export class AuditEntry {
	    seq: number;
	    // Go type: time
	    time: any;
	    who: string;
	    action: string;
	    entity: string;
	    entity_id: string;
	    before?: number[];
	    after?: number[];
	    personal?: string;
	    prev: string;
	    hash?: string;
	    erased?: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AuditEntry(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.time = this.convertValues(source["time"], null);
	        this.who = source["who"];
	        this.action = source["action"];
	        this.entity = source["entity"];
	        this.entity_id = source["entity_id"];
	        this.before = source["before"];
	        this.after = source["after"];
	        this.personal = source["personal"];
	        this.prev = source["prev"];
	        this.hash = source["hash"];
	        this.erased = source["erased"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class BranchDue {
	    branch: string;
	    base: number;
	    rate: number;
	    amount: number;
	
	    static createFrom(source: any = {}) {
	        return new BranchDue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.branch = source["branch"];
	        this.base = source["base"];
	        this.rate = source["rate"];
	        this.amount = source["amount"];
	    }
	}
	export class ControlFinding {
	    rule: string;
	    severity: string;
	    line: number;
	    field?: string;
	    message?: string;
	
	    static createFrom(source: any = {}) {
	        return new ControlFinding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rule = source["rule"];
	        this.severity = source["severity"];
	        this.line = source["line"];
	        this.field = source["field"];
	        this.message = source["message"];
	    }
	}
	export class DeadlineExtension {
	    period: domain.Period;
	    date: domain.Date;
	    reference: string;
	    // Go type: time
	    updated_at: any;
	
	    static createFrom(source: any = {}) {
	        return new DeadlineExtension(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.date = this.convertValues(source["date"], domain.Date);
	        this.reference = source["reference"];
	        this.updated_at = this.convertValues(source["updated_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Finding {
	    rule: string;
	    severity: string;
	    record?: string;
	    line?: number;
	    field?: string;
	    employee?: string;
	
	    static createFrom(source: any = {}) {
	        return new Finding(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.rule = source["rule"];
	        this.severity = source["severity"];
	        this.record = source["record"];
	        this.line = source["line"];
	        this.field = source["field"];
	        this.employee = source["employee"];
	    }
	}
	export class Declaration {
	    id: string;
	    employer_id: string;
	    period: domain.Period;
	    kind: string;
	    sequence: number;
	    status: string;
	    file_name: string;
	    bytes?: number[];
	    sha256: string;
	    findings?: Finding[];
	    errors: number;
	    warnings: number;
	    note?: string;
	    // Go type: time
	    created_at: any;
	    // Go type: time
	    updated_at: any;
	    // Go type: time
	    frozen_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Declaration(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.employer_id = source["employer_id"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.kind = source["kind"];
	        this.sequence = source["sequence"];
	        this.status = source["status"];
	        this.file_name = source["file_name"];
	        this.bytes = source["bytes"];
	        this.sha256 = source["sha256"];
	        this.findings = this.convertValues(source["findings"], Finding);
	        this.errors = source["errors"];
	        this.warnings = source["warnings"];
	        this.note = source["note"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.updated_at = this.convertValues(source["updated_at"], null);
	        this.frozen_at = this.convertValues(source["frozen_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DepositAttempt {
	    id: string;
	    declaration_id: string;
	    submission_id?: string;
	    channel: string;
	    action: string;
	    outcome: string;
	    answer?: string;
	    note?: string;
	    screenshot?: number[];
	    has_screenshot: boolean;
	    employer_id: string;
	    period: domain.Period;
	    file_name: string;
	    sha256: string;
	    operator: string;
	    // Go type: time
	    at: any;
	
	    static createFrom(source: any = {}) {
	        return new DepositAttempt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.declaration_id = source["declaration_id"];
	        this.submission_id = source["submission_id"];
	        this.channel = source["channel"];
	        this.action = source["action"];
	        this.outcome = source["outcome"];
	        this.answer = source["answer"];
	        this.note = source["note"];
	        this.screenshot = source["screenshot"];
	        this.has_screenshot = source["has_screenshot"];
	        this.employer_id = source["employer_id"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.file_name = source["file_name"];
	        this.sha256 = source["sha256"];
	        this.operator = source["operator"];
	        this.at = this.convertValues(source["at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class DepositResult {
	    submission_id: string;
	    declaration_id: string;
	    deposit_id: string;
	    status: string;
	    acknowledgement_number?: string;
	    payment_reference?: string;
	    amount_due: number;
	    branches?: BranchDue[];
	    employees: number;
	    days: number;
	    real_salary: number;
	    capped_salary: number;
	    control_report?: ControlFinding[];
	    // Go type: time
	    received_at: any;
	    // Go type: time
	    processed_at: any;
	    // Go type: time
	    recorded_at: any;
	
	    static createFrom(source: any = {}) {
	        return new DepositResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.submission_id = source["submission_id"];
	        this.declaration_id = source["declaration_id"];
	        this.deposit_id = source["deposit_id"];
	        this.status = source["status"];
	        this.acknowledgement_number = source["acknowledgement_number"];
	        this.payment_reference = source["payment_reference"];
	        this.amount_due = source["amount_due"];
	        this.branches = this.convertValues(source["branches"], BranchDue);
	        this.employees = source["employees"];
	        this.days = source["days"];
	        this.real_salary = source["real_salary"];
	        this.capped_salary = source["capped_salary"];
	        this.control_report = this.convertValues(source["control_report"], ControlFinding);
	        this.received_at = this.convertValues(source["received_at"], null);
	        this.processed_at = this.convertValues(source["processed_at"], null);
	        this.recorded_at = this.convertValues(source["recorded_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EmployeeVersion {
	    seq: number;
	    // Go type: time
	    at: any;
	    author: string;
	    previous: domain.Employee;
	
	    static createFrom(source: any = {}) {
	        return new EmployeeVersion(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seq = source["seq"];
	        this.at = this.convertValues(source["at"], null);
	        this.author = source["author"];
	        this.previous = this.convertValues(source["previous"], domain.Employee);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ManualDeposit {
	    declaration_id: string;
	    employer_id: string;
	    deposit_reference: string;
	    deposit_date: domain.Date;
	    payment_reference?: string;
	    control_report_pdf?: number[];
	    sha256: string;
	    // Go type: time
	    recorded_at: any;
	
	    static createFrom(source: any = {}) {
	        return new ManualDeposit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.declaration_id = source["declaration_id"];
	        this.employer_id = source["employer_id"];
	        this.deposit_reference = source["deposit_reference"];
	        this.deposit_date = this.convertValues(source["deposit_date"], domain.Date);
	        this.payment_reference = source["payment_reference"];
	        this.control_report_pdf = source["control_report_pdf"];
	        this.sha256 = source["sha256"];
	        this.recorded_at = this.convertValues(source["recorded_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Preetabli {
	    employer_id: string;
	    period: domain.Period;
	    file_name?: string;
	    raw: number[];
	    transfer_id?: string;
	    employees: number;
	    sha256: string;
	    // Go type: time
	    imported_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Preetabli(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.employer_id = source["employer_id"];
	        this.period = this.convertValues(source["period"], domain.Period);
	        this.file_name = source["file_name"];
	        this.raw = source["raw"];
	        this.transfer_id = source["transfer_id"];
	        this.employees = source["employees"];
	        this.sha256 = source["sha256"];
	        this.imported_at = this.convertValues(source["imported_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Receipt {
	    id: string;
	    declaration_id: string;
	    submission_id?: string;
	    pdf: number[];
	    sandbox: boolean;
	    // Go type: time
	    created_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Receipt(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.declaration_id = source["declaration_id"];
	        this.submission_id = source["submission_id"];
	        this.pdf = source["pdf"];
	        this.sandbox = source["sandbox"];
	        this.created_at = this.convertValues(source["created_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Submission {
	    id: string;
	    declaration_id: string;
	    employer_id: string;
	    profile: string;
	    idempotency_key: string;
	    sha256: string;
	    state: string;
	    attempts: number;
	    last_error?: string;
	    // Go type: time
	    next_attempt_at: any;
	    deposit_id?: string;
	    acknowledgement_number?: string;
	    payment_reference?: string;
	    // Go type: time
	    created_at: any;
	    // Go type: time
	    updated_at: any;
	
	    static createFrom(source: any = {}) {
	        return new Submission(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.declaration_id = source["declaration_id"];
	        this.employer_id = source["employer_id"];
	        this.profile = source["profile"];
	        this.idempotency_key = source["idempotency_key"];
	        this.sha256 = source["sha256"];
	        this.state = source["state"];
	        this.attempts = source["attempts"];
	        this.last_error = source["last_error"];
	        this.next_attempt_at = this.convertValues(source["next_attempt_at"], null);
	        this.deposit_id = source["deposit_id"];
	        this.acknowledgement_number = source["acknowledgement_number"];
	        this.payment_reference = source["payment_reference"];
	        this.created_at = this.convertValues(source["created_at"], null);
	        this.updated_at = this.convertValues(source["updated_at"], null);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace vault {
	
	export class Params {
	    time: number;
	    memory_kib: number;
	    threads: number;
	
	    static createFrom(source: any = {}) {
	        return new Params(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.time = source["time"];
	        this.memory_kib = source["memory_kib"];
	        this.threads = source["threads"];
	    }
	}
	export class Info {
	    dir: string;
	    id: string;
	    formatVersion: number;
	    // Go type: time
	    createdAt: any;
	    remembered: boolean;
	    hasRecovery: boolean;
	    recoveryUsed: boolean;
	    params: Params;
	
	    static createFrom(source: any = {}) {
	        return new Info(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.id = source["id"];
	        this.formatVersion = source["formatVersion"];
	        this.createdAt = this.convertValues(source["createdAt"], null);
	        this.remembered = source["remembered"];
	        this.hasRecovery = source["hasRecovery"];
	        this.recoveryUsed = source["recoveryUsed"];
	        this.params = this.convertValues(source["params"], Params);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

