console.log("lhconf")
