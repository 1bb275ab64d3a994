'use strict';
// The value after --<name> on the command line of a check script; the scripts take no optional settings this way.

function requiredSetting(name) {
    const at = process.argv.indexOf(`--${name}`);
    if (at < 0 || at + 1 >= process.argv.length) {
        throw new Error(`--${name} is required`);
    }
    return process.argv[at + 1];
}

module.exports = { requiredSetting };
