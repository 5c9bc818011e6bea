console.log('orikaeshi');
