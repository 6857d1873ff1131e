// Third-party code under vendor/ is not the app's: its transports.File is skipped.
module.exports = class File { constructor() { this.name = 'transports.File'; } };
