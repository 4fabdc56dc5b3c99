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

}

export namespace i18n {
	
	export enum Lang {
	    AR = "ar",
	    EN = "en",
	    FR = "fr",
	}

}

