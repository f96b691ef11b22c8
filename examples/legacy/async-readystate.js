// Asynchronous MSXML2.XMLHTTP with onreadystatechange, waiting with
// WScript.Sleep as scripts written for IE's XMLHTTP do.
var x = new ActiveXObject("MSXML2.XMLHTTP");
var states = [];
var result = "";
x.onreadystatechange = function () {
    states.push(x.readyState);
    if (x.readyState == 4) {
        result = x.status + " " + eval("(" + x.responseText + ")").args.page;
    }
};
x.open("GET", WScript.Arguments(0) + "/get?page=2", true);
x.send();
while (x.readyState != 4) {
    WScript.Sleep(10);
}
WScript.Echo("states: " + states.join(","));
WScript.Echo("result: " + result);
