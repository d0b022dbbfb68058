
	
green