System.Console.WriteLine(new Digits.DigitsMlp().Layout.Count);
