// An independent Modbus TCP server for EdgeGateway's interop tests: modbus-serial's ServerTCP on
// 127.0.0.1:<port> (first argument), unit id 1, serving known register values. Prints "ready" once listening.
"use strict";

const ModbusRTU = require("modbus-serial");

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error("usage: node server.js PORT");
    process.exit(2);
}

const REGISTERS = 100;
const holding = new Array(REGISTERS).fill(0);
const input = new Array(REGISTERS).fill(0);

// The values are laid out with Node's own Buffer encoders, independently of EdgeGateway's codec.
function words(buffer) {
    const result = [];
    for (let i = 0; i < buffer.length; i += 2) {
        result.push(buffer.readUInt16BE(i));
    }
    return result;
}

function float32Abcd(value) {
    const b = Buffer.alloc(4);
    b.writeFloatBE(value);
    return words(b);
}

function float32Cdab(value) {
    const [high, low] = float32Abcd(value);
    return [low, high];
}

function float32Dcba(value) {
    const b = Buffer.alloc(4);
    b.writeFloatLE(value);
    return words(b);
}

function int16(value) {
    const b = Buffer.alloc(2);
    b.writeInt16BE(value);
    return words(b);
}

function uint32Abcd(value) {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(value);
    return words(b);
}

holding.splice(0, 2, ...float32Abcd(123.456));
holding.splice(2, 2, ...float32Cdab(-12.5));
holding.splice(4, 1, ...int16(-200));
holding.splice(5, 2, ...uint32Abcd(305419896));
holding.splice(7, 2, ...float32Dcba(412.5));
input.splice(0, 1, 1234);
input.splice(1, 2, ...float32Abcd(101.325));

function check(address) {
    if (address < 0 || address >= REGISTERS) {
        throw { modbusErrorCode: 0x02, msg: "Illegal data address" };
    }
}

const vector = {
    getHoldingRegister(address) {
        check(address);
        return holding[address];
    },
    getInputRegister(address) {
        check(address);
        return input[address];
    },
    setRegister(address, value) {
        check(address);
        holding[address] = value;
    },
};

const server = new ModbusRTU.ServerTCP(vector, { host: "127.0.0.1", port, unitID: 1, debug: false });
server.on("initialized", () => console.log("ready"));
server.on("serverError", (error) => {
    console.error(`server error: ${error.message}`);
    process.exit(1);
});
server.on("socketError", (error) => console.error(`socket error: ${error.message}`));

// The test owns this process: it ends when the test closes our stdin or signals us.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
process.on("SIGTERM", () => process.exit(0));
