console.log("taskhive");
